namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>What the GitHub half of <c>SetUp</c> will write, and the secrets it leaves to the user.</summary>
/// <param name="LabelToCreate">The review label when it does not exist yet; else null.</param>
/// <param name="Widenings">What --force lets it open up, for the record; empty without --force (it refuses instead).</param>
public sealed record GitHubSetUpPlan(
    RepositoryFacts Repository,
    IReadOnlyList<EnvironmentPlan> Environments,
    string? LabelToCreate,
    IReadOnlyList<string> Widenings)
{
    public IReadOnlyList<VariableWrite> Variables { get; init; } = [];

    /// <summary>One line per secret that is missing, with where to add it.</summary>
    public IReadOnlyList<string> MissingSecrets { get; init; } = [];
}
