namespace AssumeRolePipeline.Pipeline.Composition;

// SKELETON (replaced by the set-up work): SetUp, CheckSetUp and the stage's CheckEnvironments.
public sealed partial class PipelineBuild
{
    private Task<int?> SetUpAsync() => throw new NotSupportedException("SetUp is not built yet.");

    private Task<int?> CheckSetUpAsync() => throw new NotSupportedException("CheckSetUp is not built yet.");

    private Task<int?> CheckEnvironmentsAsync() => throw new NotSupportedException("CheckEnvironments is not built yet.");
}
