namespace AssumeRolePipeline.Pipeline.Composition;

// SKELETON (replaced by the workflow generation work).
public sealed partial class PipelineBuild
{
    private Task<int?> GenerateWorkflowsAsync() => throw new NotSupportedException("GenerateWorkflows is not built yet.");
}
