using AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub;

/// <summary>
/// Who a token writes as: what the pipeline's own comments and issues are recognised by, so that one
/// planted by someone else with the same marker is never taken for the pipeline's.
/// </summary>
public static class TokenIdentity
{
    /// <summary>The author GitHub shows for what a workflow's <c>GITHUB_TOKEN</c> writes; no person can register it.</summary>
    public const string GitHubActionsBot = "github-actions[bot]";

    /// <summary>
    /// The login of the token's user (<c>GET /user</c>). An installation token such as <c>GITHUB_TOKEN</c> may not
    /// read it (403 "Resource not accessible by integration"): it writes as <see cref="GitHubActionsBot"/>. A rate
    /// limit is a 403 too (<see cref="GitHubRateLimit"/>), but says nothing of the token, so it is passed on.
    /// </summary>
    public static async Task<string> LoginAsync(IGitHubClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            // Octokit's calls take no cancellation token: stop waiting instead.
            return (await client.User.Current().WaitAsync(cancellationToken).ConfigureAwait(false)).Login;
        }
        catch (ForbiddenException e) when (!GitHubRateLimit.IsRateLimit(e))
        {
            return GitHubActionsBot;
        }
    }
}
