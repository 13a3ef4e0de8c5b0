namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>One stage's report, with what the next stage needs from it.</summary>
/// <param name="Credentials">create-role's outputs, when the stage produced or found them.</param>
/// <param name="Readiness">How long the unprivileged stage waited for IAM, when it had to.</param>
public sealed record StageResult(StackReport Report, UnprivilegedCredentials? Credentials = null, ReadinessResult? Readiness = null)
{
    public bool Failed => Report.Outcome == StackOutcome.Failed;
}
