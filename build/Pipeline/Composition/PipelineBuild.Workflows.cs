using AssumeRolePipeline.Pipeline.Publishing.Workflows;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Composition;

/// <summary>GenerateWorkflows: the caller workflows written from deploy/stacks.yml into the checkout.</summary>
public sealed partial class PipelineBuild
{
    private async Task<int?> GenerateWorkflowsAsync()
    {
        var files = await new CallerWorkflowFiles(_host.RepositoryRoot).WriteAsync(_declaration.Value, Cancellation);
        foreach (var (workflow, written) in files)
            _output.Progress(written ? $"{workflow.RelativePath}: written from {StackDeclaration.RelativePath}" : $"{workflow.RelativePath}: unchanged");
        return null;
    }
}
