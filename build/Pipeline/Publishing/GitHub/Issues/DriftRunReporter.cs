using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Drift;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;

/// <summary>
/// Shows a drift run in the job that ran it: each stack's report in the job summary, an error annotation
/// when a stack could not be checked, a warning annotation when drift was found. The issues are written
/// by another job (<see cref="DriftIssuePublisher"/>), the only one with <c>issues: write</c>.
/// </summary>
public sealed class DriftRunReporter
{
    private readonly GitHubContext _context;
    private readonly WorkflowCommandWriter _commands;

    public DriftRunReporter(GitHubContext context, WorkflowCommandWriter commands)
    {
        _context = context;
        _commands = commands;
    }

    public void Publish(DriftRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_context.StepSummaryPath is { } path)
        {
            var summary = new StepSummaryWriter(path);
            foreach (var report in run.Reports)
                summary.Append(DriftMarkdownReport.Render(report) + "\n");
        }

        if (run.Failure is { } failure)
            _commands.Error(failure, title: $"{run.Operation} failed");
        foreach (var report in run.Reports.Where(r => r.Operation == StackOperation.Drift && r.Drift.HasDrift))
        {
            _commands.Warning($"{report.DisplayName}: {DriftWords.Headline(report)}. The job summary lists them.",
                title: $"Drift in {report.DisplayName}");
        }
    }
}
