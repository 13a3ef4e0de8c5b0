namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>
/// The posture the threat model assumes, as data: per environment role, its branch rule and whether it needs required
/// reviewers. <c>SetUp</c> makes it, <c>CheckSetUp</c> and the stage's check job (<c>CheckEnvironments</c>) hold the
/// repository to it: one set of rules for all three.
/// </summary>
public static class PostureRules
{
    /// <summary>The rule ids a finding names (and <c>accept-risk:</c> takes, for those GitHub may not offer).</summary>
    public const string EnvironmentExists = "environment-exists";
    public const string DeploymentBranches = "deployment-branches";
    public const string RequiredReviewers = "required-reviewers";
    public const string PreventSelfReview = "prevent-self-review";

    private const string PromotedGate = "the approval gate of a promoted stack";
    private const string UnmergedCode = "its jobs run unmerged code with AWS credentials";

    /// <param name="promoted">The stack has <c>promote-after</c>: its privileged environment is the approval gate.</param>
    public static EnvironmentRequirement For(EnvironmentRole role, bool promoted = false) => role switch
    {
        EnvironmentRole.Privileged => new(role, BranchRule.DefaultBranchOnly, promoted, promoted ? PromotedGate : null),
        EnvironmentRole.Unprivileged => new(role, BranchRule.DefaultBranchOnly, false, null),
        EnvironmentRole.Preview => new(role, BranchRule.AnyBranch, false, null),
        EnvironmentRole.ReviewPrivileged or EnvironmentRole.ReviewUnprivileged => new(role, BranchRule.AnyBranch, true, UnmergedCode),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "No posture rule for this role."),
    };
}
