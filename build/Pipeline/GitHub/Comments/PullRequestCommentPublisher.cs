using System.Text.RegularExpressions;
using Octokit;

namespace AssumeRolePipeline.Pipeline.GitHub.Comments;

/// <summary>
/// Keeps one comment per pull request with one section per stack. The privileged job and then the
/// unprivileged job each replace their own section and keep the other's; a rerun edits the same comment.
/// The comment is found by a hidden marker across every page of comments, not by its heading.
/// </summary>
public sealed partial class PullRequestCommentPublisher
{
    /// <summary>The hidden first line that identifies the pipeline's comment.</summary>
    public const string Marker = PullRequestCommentBody.Marker;

    /// <summary>GitHub's limit for a comment body; longer ones are refused with 422.</summary>
    public const int MaxBodyLength = PullRequestCommentBody.MaxLength;

    private readonly IGitHubClient _client;

    public PullRequestCommentPublisher(IGitHubClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Creates the comment, or replaces (or adds) the section <paramref name="sectionId"/> in it.</summary>
    /// <param name="sectionId">A stable id per stack, e.g. its project name: letters, digits, '.', '_' and '-'.</param>
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
        if (sectionId is null || !SectionIdPattern().IsMatch(sectionId))
            throw new ArgumentException($"The section id '{sectionId}' must be letters, digits, '.', '_' and '-'.", nameof(sectionId));

        // Octokit's comment calls take no cancellation token: stop waiting instead.
        var comments = await _client.Issue.Comment
            .GetAllForIssue(owner, repo, prNumber, new ApiOptions { PageSize = 100 })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var existing = comments.FirstOrDefault(c => PullRequestCommentBody.IsOurs(c.Body));

        var sections = existing is null ? [] : PullRequestCommentBody.Parse(existing.Body);
        PullRequestCommentBody.Upsert(sections, new CommentSection(sectionId, sectionMarkdown));
        var body = PullRequestCommentBody.Compose(sections, runUrl);

        var written = existing is null
            ? _client.Issue.Comment.Create(owner, repo, prNumber, body)
            : _client.Issue.Comment.Update(owner, repo, existing.Id, body);
        return await written.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex SectionIdPattern();
}
