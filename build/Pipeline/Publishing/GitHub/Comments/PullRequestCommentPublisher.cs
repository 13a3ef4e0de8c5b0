using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;

/// <summary>
/// Keeps one comment per pull request with one section per stack. The privileged job and then the
/// unprivileged job each replace their own section and keep the other's; a rerun edits the same comment.
/// The comment is found by a hidden marker across every page of comments, not by its heading, and only
/// among the comments the token's own identity wrote: anyone can post a comment that starts with the
/// marker, and such a comment must neither be edited nor lend the pipeline's comment its text.
/// </summary>
public sealed class PullRequestCommentPublisher
{
    /// <summary>The hidden first line that identifies the pipeline's comment.</summary>
    public const string Marker = PullRequestCommentBody.Marker;

    /// <summary>GitHub's limit for a comment body; longer ones are refused with 422.</summary>
    public const int MaxBodyLength = PullRequestCommentBody.MaxLength;

    /// <summary>The stages a section reports on, in the order they are shown for each stack.</summary>
    public static ImmutableArray<string> Stages { get; } = [CreateRoleContract.ProjectName, AssumeRoleContract.ProjectName, "verify"];

    private readonly IGitHubClient _client;

    public PullRequestCommentPublisher(IGitHubClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Creates the comment, or replaces (or adds) the section <paramref name="sectionId"/> in it.</summary>
    /// <param name="sectionId">Which stack and stage the section reports on: <see cref="SectionId"/>.</param>
    /// <param name="runUrl">This run, linked from the comment and from any truncation note.</param>
    /// <returns>The comment as GitHub stored it.</returns>
    public async Task<IssueComment> UpsertSectionAsync(
        string owner, string repo, int prNumber, string sectionId, string sectionMarkdown, Uri runUrl,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(repo);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prNumber);
        ArgumentNullException.ThrowIfNull(sectionMarkdown);
        ArgumentNullException.ThrowIfNull(runUrl);
        if (sectionId is null || OrderOf(sectionId) is null)
        {
            throw new ArgumentException(
                $"The section id '{sectionId}' is not one of the pipeline's: <stage>@<stack>, the stage one of {string.Join(", ", Stages)}.",
                nameof(sectionId));
        }

        // Octokit's calls take no cancellation token: stop waiting instead.
        var author = await TokenIdentity.LoginAsync(_client, cancellationToken).ConfigureAwait(false);
        var comments = await _client.Issue.Comment
            .GetAllForIssue(owner, repo, prNumber, new ApiOptions { PageSize = 100 })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var existing = comments.FirstOrDefault(c =>
            PullRequestCommentBody.IsOurs(c.Body) && string.Equals(c.User?.Login, author, StringComparison.OrdinalIgnoreCase));

        // Rebuilt from the pipeline's own sections only: anything else in the old body is dropped.
        var kept = existing is null ? [] : PullRequestCommentBody.Parse(existing.Body);
        var sections = kept.Where(s => s.Id != sectionId && OrderOf(s.Id) is not null)
            .DistinctBy(s => s.Id)
            .Append(new CommentSection(sectionId, sectionMarkdown))
            .OrderBy(s => OrderOf(s.Id)!.Value.Stack, StringComparer.Ordinal)
            .ThenBy(s => OrderOf(s.Id)!.Value.Stage)
            .ToList();
        var body = PullRequestCommentBody.Compose(sections, runUrl);

        var written = existing is null
            ? _client.Issue.Comment.Create(owner, repo, prNumber, body)
            : _client.Issue.Comment.Update(owner, repo, existing.Id, body);
        return await written.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The id of the section that reports <paramref name="stage"/> of <paramref name="stack"/>: one comment holds every stack's.</summary>
    public static string SectionId(string stack, string stage) => $"{stage}@{stack}";

    /// <summary>Where a section stands (by stack, then stage), or null for an id that is not the pipeline's.</summary>
    private static (string Stack, int Stage)? OrderOf(string id) =>
        id.Split('@') is [var stage, var stack] && Stages.IndexOf(stage) is >= 0 and var index && InputRules.StackName(stack) is null
            ? (stack, index)
            : null;
}
