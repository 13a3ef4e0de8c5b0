using System.Net;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Model;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;

/// <summary>
/// Keeps one GitHub issue per stack about its drift, labelled <see cref="Label"/>: opened when a check
/// finds drift, updated in place by later checks, closed with a comment by the first check that finds
/// none (or after a remediation or refresh). The issue is found across every page of open issues by a
/// hidden marker naming the stack, and only among those the token's own identity wrote: nobody can make
/// the pipeline rewrite or close an issue by copying the marker into one of theirs.
/// </summary>
public sealed class DriftIssuePublisher
{
    public const string Label = "drift";

    private readonly IGitHubClient _client;
    private string? _author;

    /// <param name="author">
    /// The login the token writes as; null to ask GitHub (<c>GET /user</c>), which a workflow's
    /// <c>GITHUB_TOKEN</c> may not do: then it is <see cref="TokenIdentity.GitHubActionsBot"/>.
    /// </param>
    public DriftIssuePublisher(IGitHubClient client, string? author = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _author = author;
    }

    /// <exception cref="ExplainedFailure">GitHub refused: the message says which permission is missing.</exception>
    public async Task<DriftIssueOutcome> PublishAsync(string owner, string repo, StackReport report, Uri runUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(repo);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runUrl);
        if (report.Outcome != StackOutcome.Succeeded)
            return DriftIssueOutcome.LeftAlone; // a stack not checked says nothing about its drift

        try
        {
            var existing = await FindAsync(owner, repo, report, cancellationToken).ConfigureAwait(false);
            var drifted = report.Operation == StackOperation.Drift && report.Findings.HasDrift;
            if (drifted)
            {
                var body = DriftIssueBody.Compose(report, runUrl);
                if (existing is null)
                {
                    var issue = new NewIssue(DriftIssueBody.Title(report)) { Body = body };
                    issue.Labels.Add(Label);
                    await _client.Issue.Create(owner, repo, issue).WaitAsync(cancellationToken).ConfigureAwait(false);
                    return DriftIssueOutcome.Opened;
                }

                await _client.Issue.Update(owner, repo, existing.Number, new IssueUpdate { Title = DriftIssueBody.Title(report), Body = body })
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                return DriftIssueOutcome.Updated;
            }

            if (existing is null)
                return DriftIssueOutcome.NothingToDo;
            await _client.Issue.Comment.Create(owner, repo, existing.Number, DriftIssueBody.Closing(report, runUrl))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            await _client.Issue.Update(owner, repo, existing.Number,
                    new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.Completed })
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return DriftIssueOutcome.Closed;
        }
        catch (ApiException e)
        {
            throw Explained(e, owner, repo, report);
        }
    }

    /// <summary>The open issue of this stack that the token's identity wrote, across every page; null when none.</summary>
    private async Task<Issue?> FindAsync(string owner, string repo, StackReport report, CancellationToken cancellationToken)
    {
        var author = await AuthorAsync(cancellationToken).ConfigureAwait(false);
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open };
        request.Labels.Add(Label);
        // Octokit's issue calls take no cancellation token: stop waiting instead.
        var issues = await _client.Issue.GetAllForRepository(owner, repo, request, new ApiOptions { PageSize = 100 })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return issues
            .Where(i => i.PullRequest is null) // pull requests are issues too in this list
            .Where(i => string.Equals(i.User?.Login, author, StringComparison.OrdinalIgnoreCase))
            .Where(i => DriftIssueBody.IsFor(i.Body, report.Project, report.Stack))
            .OrderBy(i => i.Number)
            .FirstOrDefault();
    }

    private async Task<string> AuthorAsync(CancellationToken cancellationToken) =>
        _author ??= await TokenIdentity.LoginAsync(_client, cancellationToken).ConfigureAwait(false);

    private static ExplainedFailure Explained(ApiException e, string owner, string repo, StackReport report)
    {
        var what = $"GitHub refused to write the drift issue of {report.DisplayName} in {owner}/{repo}";
        // Checked first: a rate limit comes as a 403 too, and is no missing permission.
        if (GitHubRateLimit.IsRateLimit(e))
        {
            return new ExplainedFailure($"{what} ({(int)e.StatusCode}: {e.Message}): the token hit GitHub's rate limit, no permission is " +
                                        $"missing. Re-run the job {GitHubRateLimit.WhenToRetry(e)}.", e);
        }

        return new ExplainedFailure(e.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"{what} (401): the token is invalid or expired. The step needs GITHUB_TOKEN in its environment.",
            HttpStatusCode.Forbidden => $"{what} (403: {e.Message}). The job needs 'permissions: issues: write' and GITHUB_TOKEN in the step's environment.",
            HttpStatusCode.NotFound => $"{what} (404): the repository was not found, or the token cannot see it.",
            HttpStatusCode.Gone => $"{what} (410): issues are disabled in the repository; enable them under Settings → General → Features.",
            _ => $"{what} ({(int)e.StatusCode}: {e.Message}).",
        }, e);
    }
}
