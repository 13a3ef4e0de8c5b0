using System.Globalization;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Drift;

/// <summary>
/// The closing summary of a drift check, refresh or remediation on the console: one line per stack,
/// and under a stack with drift a table of its drifted resources (names only), or of what a
/// remediation changed back.
/// </summary>
internal static class DriftConsoleReport
{
    public static void Write(IAnsiConsole console, PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var stage in run.Stages)
        {
            var report = stage.Report;
            var took = report.Outcome == StackOutcome.Skipped
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" ({report.Duration.TotalSeconds:0.0} s)");
            console.MarkupLineBetweenWords($"{Color(report)}{Markup.Escape(report.DisplayName)}: {Markup.Escape(DriftWords.Headline(report))}[/]{took}");
            if (stage.Readiness is { } readiness)
                console.MarkupLineBetweenWords(string.Create(CultureInfo.InvariantCulture, $"  IAM accepted the handed-off key after {readiness.Total.TotalSeconds:0.0} s"));
            if (!report.Findings.Resources.IsDefaultOrEmpty)
            {
                var table = new Table().AddColumns(new TableColumn("Resource").NoWrap(), new TableColumn("Type").NoWrap(), new TableColumn("What happened").NoWrap(), new TableColumn("Properties that differ"));
                foreach (var resource in report.Findings.Resources)
                    table.AddRow(Markup.Escape(resource.Name), Markup.Escape(resource.Type), DriftWords.Happened(resource.Kind), Properties(resource.Properties));
                console.WriteKeepingValuesWhole(table);
            }

            if (report.Findings.Unlisted > 0)
                console.MarkupLineBetweenWords($"  Pulumi counted {DriftWords.Resources(report.Findings.Unlisted)} more as drifted without naming them (see its output above).");
            var changes = report.Changes.Where(c => c.Kind != ChangeKind.Same).ToList();
            if (changes.Count > 0)
            {
                var table = new Table().AddColumns(new TableColumn("Resource").NoWrap(), new TableColumn("Type").NoWrap(), new TableColumn("Remediation").NoWrap(), new TableColumn("Properties"));
                foreach (var change in changes)
                    table.AddRow(Markup.Escape(change.Name), Markup.Escape(change.Type), DriftWords.Change(change.Kind), Properties(change.ChangedProperties));
                console.WriteKeepingValuesWhole(table);
            }

            if (report.Note is { } note)
                console.MarkupLineBetweenWords($"  {(report.Outcome == StackOutcome.Failed ? "[red]" : "[yellow]")}{Markup.Escape(note)}[/]");
        }

        if (run.Operation == StackOperation.Drift && run.HasDrift)
            console.MarkupLineBetweenWords(Markup.Escape(DriftWords.WhatToDo.Replace("`", string.Empty, StringComparison.Ordinal)));
    }

    private static string Properties(System.Collections.Immutable.ImmutableArray<string> properties) =>
        properties.IsDefaultOrEmpty ? "—" : Markup.Escape(string.Join(", ", properties));

    private static string Color(StackReport report) => report.Outcome switch
    {
        StackOutcome.Failed => "[red]",
        StackOutcome.Skipped => "[yellow]",
        _ when report.Operation == StackOperation.Drift && report.Findings.HasDrift => "[yellow]",
        _ => "[green]",
    };
}
