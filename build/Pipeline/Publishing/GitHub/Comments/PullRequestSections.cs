using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;

/// <summary>
/// Writes a job's sections of the pipeline's PR comment, on a pull request only. A comment that cannot be
/// written (no token, or GitHub refuses) is a warning, never a failure: the job itself succeeded or failed on
/// its own, and its job summary has the same report.
/// </summary>
public sealed class PullRequestSections
{
    private readonly GitHubContext _context;
    private readonly WorkflowCommandWriter _commands;
    private readonly PullRequestCommentPublisher? _comments;

    /// <param name="comments">Null when no token may write comments (the comment is then left alone).</param>
    public PullRequestSections(GitHubContext context, WorkflowCommandWriter commands, PullRequestCommentPublisher? comments)
    {
        _context = context;
        _commands = commands;
        _comments = comments;
    }

    /// <param name="sections">Each section's id (<see cref="PullRequestCommentPublisher.SectionId"/>) and Markdown, already masked.</param>
    /// <param name="what">What the job summary holds instead, for the warning: "the report", "the proof".</param>
    public async Task WriteAsync(IEnumerable<(string Id, string Markdown)> sections, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (_context.PullRequestNumber is not { } pullRequest || !_context.IsPullRequest)
            return;
        if (_comments is null)
        {
            _commands.Warning($"No GITHUB_TOKEN in the step's environment, so the pull request comment was not written; " +
                              $"the job summary has {what}.", title: "PR comment not updated");
            return;
        }

        foreach (var (id, markdown) in sections)
        {
            try
            {
                await _comments.UpsertSectionAsync(_context.Owner, _context.Repository, pullRequest, id, markdown, _context.RunUrl,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                _commands.Warning(
                    $"The pull request comment could not be written ({(int)e.StatusCode}: {e.Message}). The job needs " +
                    $"'pull-requests: write' and GITHUB_TOKEN in the step's environment; the job summary has {what}.",
                    title: "PR comment not updated");
            }
        }
    }
}
