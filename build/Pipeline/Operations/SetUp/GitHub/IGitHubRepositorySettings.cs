using AssumeRolePipeline.Pipeline.Safety.Posture;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>
/// The settings of one repository the set-up reads and writes through GitHub's REST API. A refused call throws an
/// explained failure naming the call and what to do; nothing here prints or returns a secret's value (secrets by name only).
/// </summary>
public interface IGitHubRepositorySettings
{
    /// <summary><c>GET /repos/{owner}/{repo}</c>: the default branch and whether it is private.</summary>
    Task<RepositoryFacts> GetRepositoryAsync(CancellationToken cancellationToken);

    /// <summary><c>GET …/environments/{name}</c> and, with custom branch policies, its rules; null when it does not exist (404).</summary>
    Task<ObservedEnvironment?> GetEnvironmentAsync(string environment, CancellationToken cancellationToken);

    /// <summary>The variables (names and values) of <paramref name="environment"/>, or of the repository when null.</summary>
    Task<IReadOnlyDictionary<string, string>> GetVariablesAsync(string? environment, CancellationToken cancellationToken);

    /// <summary>The secret names (never values) of <paramref name="environment"/>, or of the repository when null.</summary>
    Task<IReadOnlyList<string>> GetSecretNamesAsync(string? environment, CancellationToken cancellationToken);

    /// <summary>Whether GitHub Actions may approve pull requests; null when the token may not read it.</summary>
    Task<bool?> CanActionsApprovePullRequestsAsync(CancellationToken cancellationToken);

    Task<bool> LabelExistsAsync(string label, CancellationToken cancellationToken);

    /// <summary><c>GET /users/{login}</c> or <c>GET /orgs/{org}/teams/{slug}</c>: the reviewer's id.</summary>
    Task<ObservedReviewer> GetReviewerAsync(GitHubReviewer reviewer, CancellationToken cancellationToken);

    /// <summary><c>PUT …/environments/{name}</c>: creates it, or replaces its protection settings with exactly these.</summary>
    Task PutEnvironmentAsync(string environment, EnvironmentProtection protection, CancellationToken cancellationToken);

    Task AddBranchPolicyAsync(string environment, string branch, CancellationToken cancellationToken);

    Task DeleteBranchPolicyAsync(string environment, long policyId, CancellationToken cancellationToken);

    /// <summary>Creates (POST) or updates (PATCH, when <paramref name="exists"/>) a variable of the environment, or of the repository when null.</summary>
    Task SetVariableAsync(string? environment, string name, string value, bool exists, CancellationToken cancellationToken);

    Task CreateLabelAsync(string label, string color, string description, CancellationToken cancellationToken);
}
