using System.Globalization;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>
/// The closing summary of a local run: per stack what changed, how long it took and what it exported
/// (secrets as <c>[secret]</c>), how long IAM took to accept the new identity, and why a stage failed.
/// Values (stack names, outputs) are never broken over two lines; notes wrap between words.
/// </summary>
public static class ConsoleSummary
{
    public static void Write(IAnsiConsole console, PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Stages.Any(s => s.Report.Drift is not null))
        {
            DriftConsoleReport.Write(console, run); // a drift check, refresh or remediation: what differs, names only
            return;
        }

        var table = new Table { Title = new TableTitle($"{run.Name}: {(run.Succeeded ? "succeeded" : "failed")}") };
        foreach (var heading in (string[])["Stack", "Result", "Create", "Update", "Replace", "Delete", "Same", "Took"])
            table.AddColumn(new TableColumn(heading).NoWrap());
        foreach (var report in run.Reports)
        {
            table.AddRow(
                Markup.Escape($"{report.Project}/{report.Stack}"),
                Outcome(report.Outcome),
                Count(report, ChangeKind.Create),
                Count(report, ChangeKind.Update),
                Count(report, ChangeKind.Replace),
                Count(report, ChangeKind.Delete),
                Count(report, ChangeKind.Same),
                Took(report.Duration));
        }

        console.WriteKeepingValuesWhole(table);
        // Right after the table: what each stack's preview changes in IAM, broadening marked (masked by the stages).
        foreach (var report in run.Reports)
        {
            if (report.IamChanges is not { ConsoleLines.IsDefaultOrEmpty: false } iam)
                continue;
            var colour = iam.Broadens ? "yellow" : "default";
            console.MarkupLineUnwrapped($"  {Markup.Escape(report.DisplayName)} [{colour}]{Markup.Escape(iam.ConsoleLines[0])}[/]");
            foreach (var line in iam.ConsoleLines.Skip(1))
                console.MarkupLineUnwrapped($"  {Markup.Escape(line)}");
        }

        foreach (var stage in run.Stages)
        {
            var report = stage.Report;
            var name = Markup.Escape($"{report.Project}/{report.Stack}");
            foreach (var output in report.Outputs)
                console.MarkupLineUnwrapped($"  {name} [bold]{Markup.Escape(output.Name)}[/] = {Markup.Escape(output.Display)}");
            if (stage.Readiness is { } readiness)
            {
                console.MarkupLineBetweenWords($"  {name}: IAM accepted the new key and role after {Took(readiness.Total)} " +
                                   $"({readiness.Refusals} refusals waited out)");
            }

            if (report.Note is { } note)
                console.MarkupLineBetweenWords($"  {name}: {(report.Outcome == StackOutcome.Failed ? "[red]" : "[yellow]")}{Markup.Escape(note)}[/]");
            foreach (var violation in report.PolicyViolations.Where(v => !v.Mandatory))
                console.MarkupLineBetweenWords($"  {name}: [yellow]policy warning: {Markup.Escape(violation.Line)}[/]");
        }
    }

    private static string Outcome(StackOutcome outcome) => outcome switch
    {
        StackOutcome.Succeeded => "[green]succeeded[/]",
        StackOutcome.Failed => "[red]failed[/]",
        _ => "[yellow]skipped[/]",
    };

    private static string Count(StackReport report, ChangeKind kind) =>
        report.Count(kind).ToString(CultureInfo.InvariantCulture);

    private static string Took(TimeSpan duration) => duration.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture);
}
