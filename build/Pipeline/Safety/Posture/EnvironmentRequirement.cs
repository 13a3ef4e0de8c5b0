namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>What one environment must have: its branch rule and whether it needs required reviewers (with self-review prevented).</summary>
/// <param name="Why">Why it needs reviewers, for the messages; null when it needs none.</param>
public sealed record EnvironmentRequirement(EnvironmentRole Role, BranchRule Branches, bool RequiresReviewers, string? Why)
{
    public string Describe() =>
        (Branches == BranchRule.DefaultBranchOnly ? "deployments from the default branch only" : "deployments from any branch") +
        (RequiresReviewers ? $", required reviewers with self-review prevented ({Why})" : "");
}
