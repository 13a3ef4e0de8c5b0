using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>One declared environment and what it must have, with what <c>deploy/stacks.yml</c> says of its reviewers.</summary>
/// <param name="Owner">Whose environment it is, for the messages: <c>stack prod</c>, <c>the review stacks</c>.</param>
/// <param name="DeclarationKey">Where its <c>reviewers:</c> and <c>accept-risk:</c> go: <c>stack prod</c>, <c>review</c>.</param>
/// <param name="Stack">The declared stack's name; null for the review environments.</param>
public sealed record PostureTarget(
    string Environment,
    EnvironmentRequirement Requirement,
    string Owner,
    string DeclarationKey,
    string? Stack,
    IReadOnlyList<GitHubReviewer> Reviewers,
    IReadOnlyList<AcceptedRisk> AcceptedRisks)
{
    public EnvironmentRole Role => Requirement.Role;

    /// <summary>The accepted risk for <paramref name="rule"/>, when <c>deploy/stacks.yml</c> accepts it for this environment.</summary>
    public AcceptedRisk? Accepted(string rule) => AcceptedRisks.FirstOrDefault(r => r.Rule == rule);
}
