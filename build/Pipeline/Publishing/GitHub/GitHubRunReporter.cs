using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub;

/// <summary>
/// Shows a run where a GitHub user looks: each stack's report in the job summary, an error annotation
/// naming the stage that failed and why, and on a pull request the one comment with a section per stack.
/// Everything it gets is already masked.
/// </summary>
public sealed class GitHubRunReporter
{
    /// <summary>Each stack's share of a comment: two sections and the frame stay under GitHub's 65,536.</summary>
    public const int CommentSectionLength = 30_000;

    private readonly GitHubContext _context;
    private readonly WorkflowCommandWriter _commands;
    private readonly PullRequestCommentPublisher? _comments;

    /// <param name="comments">Null when no token may write comments (the comment is then left alone).</param>
    public GitHubRunReporter(GitHubContext context, WorkflowCommandWriter commands, PullRequestCommentPublisher? comments)
    {
        _context = context;
        _commands = commands;
        _comments = comments;
    }

    public async Task PublishAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_context.StepSummaryPath is { } path)
        {
            var summary = new StepSummaryWriter(path);
            foreach (var report in run.Reports)
                summary.Append(MarkdownReport.Render(report, StepSummaryWriter.MaxBytes / 4, _context.RunUrl) + "\n");
        }

        if (run.Failure is { } failure)
            _commands.Error(failure, title: $"{run.Name} failed");
        foreach (var report in run.Reports.Where(r => r.Operation == StackOperation.Drift && r.Findings.HasDrift))
            _commands.Warning($"{report.DisplayName}: {DriftWords.Headline(report)}. The job summary lists them.", title: $"Drift in {report.DisplayName}");

        var sections = run.Reports.Select(report => (PullRequestCommentPublisher.SectionId(report.Stack, report.Project),
            MarkdownReport.Render(report, CommentSectionLength, _context.RunUrl)));
        await new PullRequestSections(_context, _commands, _comments).WriteAsync(sections, "the report", cancellationToken).ConfigureAwait(false);
    }
}
