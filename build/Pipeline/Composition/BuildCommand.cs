namespace AssumeRolePipeline.Pipeline.Composition;

/// <summary>What a target of <c>./build.sh</c> asks for: one value per stack target, each run by <see cref="PipelineBuild"/>.</summary>
public enum BuildCommand
{
    Preview,
    Up,
    Destroy,
    PreviewCreateRole,
    UpCreateRole,
    DestroyCreateRole,
    PreviewAssumeRole,
    UpAssumeRole,
    DestroyAssumeRole,
    Verify,
    Drift,
    Refresh,
    Remediate,
    DriftCreateRole,
    RefreshCreateRole,
    RemediateCreateRole,
    DriftAssumeRole,
    RefreshAssumeRole,
    RemediateAssumeRole,
    PublishDriftIssues,
    RotateKey,
    RotateKeyCreateRole,
    RotateKeyAssumeRole,
    HandOff,
    RemoveHandOff,
    ListReviewStacks,
    StartReviewSweep,
    SweepReviewStacks,
}
