using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

namespace AssumeRolePipeline.Pipeline.Publishing.Verification;

/// <summary>
/// Shows the proof where a GitHub user looks: the job summary, an error annotation naming what is not
/// proven, and on a pull request its own section of the pipeline's comment. Everything is masked already.
/// </summary>
public sealed class VerificationPublisher
{
    /// <summary>The PR comment section Verify owns, beside one section per stack.</summary>
    public const string SectionId = "verify";

    private readonly GitHubContext _context;
    private readonly WorkflowCommandWriter _commands;
    private readonly PullRequestCommentPublisher? _comments;

    /// <param name="comments">Null when no token may write comments (the comment is then left alone).</param>
    public VerificationPublisher(GitHubContext context, WorkflowCommandWriter commands, PullRequestCommentPublisher? comments)
    {
        _context = context;
        _commands = commands;
        _comments = comments;
    }

    public async Task PublishAsync(VerificationReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var markdown = VerificationMarkdown.Render(report);
        if (_context.StepSummaryPath is { } path)
            new StepSummaryWriter(path).Append(markdown + "\n");
        if (report.Failure is { } failure)
            _commands.Error(failure, title: "Verify failed");

        await new PullRequestSections(_context, _commands, _comments)
            .WriteAsync([(PullRequestCommentPublisher.SectionId(report.Target.Stack, SectionId), markdown)], "the proof", cancellationToken)
            .ConfigureAwait(false);
    }
}
