namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// One stack of the declaration: its name and the three GitHub environments its jobs run in, none shared
/// with another stack. <paramref name="PromoteAfter"/> names the stack whose deployment must succeed first
/// (null for a stack deployed first). A review stack (<c>pr-&lt;number&gt;</c>) has the review stacks' environments
/// and no preview environment: it is deployed from its pull request, never previewed.
/// </summary>
public sealed record DeclaredStack(
    string Name,
    string PrivilegedEnvironment,
    string UnprivilegedEnvironment,
    string? PreviewEnvironment,
    string? PromoteAfter)
{
    /// <summary>
    /// <c>reviewers:</c> (GitHub logins or <c>org/team-slug</c>), who approve this stack's privileged environment; what
    /// <c>SetUp</c> makes its required reviewers. Needed by a stack with <see cref="PromoteAfter"/>, whose approval gate it is.
    /// </summary>
    public IReadOnlyList<GitHubReviewer> Reviewers { get; init; } = [];

    /// <summary><c>accept-risk:</c> the protections this stack's environments go without, each with the reason every run prints.</summary>
    public IReadOnlyList<AcceptedRisk> AcceptedRisks { get; init; } = [];
}
