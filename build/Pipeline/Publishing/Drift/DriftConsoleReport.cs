using System.Globalization;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Drift;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Drift;

/// <summary>
/// The closing summary of a drift check, refresh or remediation on the console: one line per stack,
/// and under a stack with drift a table of its drifted resources (names only), or of what a
/// remediation changed back.
/// </summary>
public static class DriftConsoleReport
{
    public static void Write(IAnsiConsole console, DriftRun run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var stage in run.Stages)
        {
            var report = stage.Report;
            var took = report.Outcome == StackOutcome.Skipped
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" ({report.Duration.TotalSeconds:0.0} s)");
            console.MarkupLine($"{Color(report)}{Markup.Escape(report.DisplayName)}: {Markup.Escape(DriftWords.Headline(report))}[/]{took}");
            if (stage.Readiness is { } readiness)
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  IAM accepted the handed-off key after {readiness.Total.TotalSeconds:0.0} s"));
            if (!report.Drift.Resources.IsDefaultOrEmpty)
            {
                var table = new Table().AddColumns("Resource", "Type", "What happened", "Properties that differ");
                foreach (var resource in report.Drift.Resources)
                    table.AddRow(Markup.Escape(resource.Name), Markup.Escape(resource.Type), DriftWords.Happened(resource.Kind), Properties(resource.Properties));
                console.Write(table);
            }

            if (report.Drift.Unlisted > 0)
                console.MarkupLine($"  Pulumi counted {DriftWords.Resources(report.Drift.Unlisted)} more as drifted without naming them (see its output above).");
            var changes = report.Changes.Where(c => c.Kind != ChangeKind.Same).ToList();
            if (changes.Count > 0)
            {
                var table = new Table().AddColumns("Resource", "Type", "Remediation", "Properties");
                foreach (var change in changes)
                    table.AddRow(Markup.Escape(change.Name), Markup.Escape(change.Type), DriftWords.Change(change.Kind), Properties(change.ChangedProperties));
                console.Write(table);
            }

            if (report.Note is { } note)
                console.MarkupLine($"  {(report.Outcome == StackOutcome.Failed ? "[red]" : "[yellow]")}{Markup.Escape(note)}[/]");
        }

        if (run.Operation == StackOperation.Drift && run.HasDrift)
            console.MarkupLine(Markup.Escape(DriftWords.WhatToDo.Replace("`", string.Empty, StringComparison.Ordinal)));
    }

    private static string Properties(System.Collections.Immutable.ImmutableArray<string> properties) =>
        properties.IsDefaultOrEmpty ? "—" : Markup.Escape(string.Join(", ", properties));

    private static string Color(StackDriftReport report) => report.Outcome switch
    {
        StackOutcome.Failed => "[red]",
        StackOutcome.Skipped => "[yellow]",
        _ when report.Operation == StackOperation.Drift && report.Drift.HasDrift => "[yellow]",
        _ => "[green]",
    };
}
