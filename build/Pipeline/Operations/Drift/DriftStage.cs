using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Operations.Drift;

/// <summary>One stack's drift check, refresh or remediation, with what the next stage needs from it.</summary>
/// <param name="Credentials">create-role's outputs, for the unprivileged stage that follows.</param>
/// <param name="Readiness">How long the unprivileged stage waited for IAM.</param>
public sealed record DriftStage(StackDriftReport Report, UnprivilegedCredentials? Credentials = null, ReadinessResult? Readiness = null)
{
    public bool Failed => Report.Outcome == StackOutcome.Failed;
}
