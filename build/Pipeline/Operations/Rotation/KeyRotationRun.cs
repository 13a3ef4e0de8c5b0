using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Verification;

namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary>
/// What a key rotation (or one side of it) did: its stages as the summaries report them, the decision by
/// age, Verify's proof, and where it stopped. A stop's failed report says what is done and what the next run does.
/// </summary>
/// <param name="Decision">Whether the key was due; null for the unprivileged side, which does not decide.</param>
/// <param name="StoppedAt">The step that failed; null when none did.</param>
public sealed record KeyRotationRun(
    PipelineRun Run,
    RotationDecision? Decision = null,
    VerificationReport? Verification = null,
    RotationStep? StoppedAt = null)
{
    public bool Succeeded => StoppedAt is null && Run.Succeeded;

    /// <summary>True once create-role exports a new key: the replacement succeeded, whatever came after it.</summary>
    public bool Replaced => Decision is { Rotate: true } && StoppedAt != RotationStep.Replace;

    /// <summary>What create-role exports after the privileged side: the new key, or the current one when none was due.</summary>
    public UnprivilegedCredentials? Credentials =>
        Run.Stages.FirstOrDefault(s => s.Report.Project == CreateRoleContract.ProjectName)?.Credentials;
}
