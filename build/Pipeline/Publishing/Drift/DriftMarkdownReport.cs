using System.Text;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;

namespace AssumeRolePipeline.Pipeline.Publishing.Drift;

/// <summary>
/// One stack's drift report as GitHub-flavoured Markdown, for the job summary and the drift issue: per
/// drifted resource its type, name, what happened and the names of the properties that differ. Every
/// name is escaped so that none can break the table or the page.
/// </summary>
internal static class DriftMarkdownReport
{
    public static string Render(StackReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("### ").Append(Icon(report)).Append(' ')
            .Append(MarkdownReport.Text(report.Project)).Append(" / ").Append(MarkdownReport.Text(report.Stack))
            .Append(" — ").Append(DriftWords.Headline(report)).Append("\n\n");

        if (!report.Findings.Resources.IsDefaultOrEmpty)
        {
            md.Append("| Resource | Type | What happened | Properties that differ |\n| --- | --- | --- | --- |\n");
            foreach (var resource in report.Findings.Resources)
            {
                md.Append("| ").Append(MarkdownReport.Cell(MarkdownReport.Text(resource.Name)))
                    .Append(" | ").Append(MarkdownReport.Cell(MarkdownReport.Code(resource.Type)))
                    .Append(" | ").Append(DriftWords.Happened(resource.Kind))
                    .Append(" | ").Append(MarkdownReport.Cell(Properties(resource.Properties))).Append(" |\n");
            }

            md.Append('\n');
        }

        if (report.Findings.Unlisted > 0)
        {
            md.Append("Pulumi counted ").Append(DriftWords.Resources(report.Findings.Unlisted))
                .Append(" more as drifted without naming them; the job log has Pulumi's own output.\n\n");
        }

        var changes = report.Changes.Where(c => c.Kind != ChangeKind.Same).ToList();
        if (changes.Count > 0)
        {
            md.Append("| Resource | Type | Remediation | Properties |\n| --- | --- | --- | --- |\n");
            foreach (var change in changes)
            {
                md.Append("| ").Append(MarkdownReport.Cell(MarkdownReport.Text(change.Name)))
                    .Append(" | ").Append(MarkdownReport.Cell(MarkdownReport.Code(change.Type)))
                    .Append(" | ").Append(DriftWords.Change(change.Kind))
                    .Append(" | ").Append(MarkdownReport.Cell(Properties(change.ChangedProperties))).Append(" |\n");
            }

            md.Append('\n');
        }

        if (report.Operation == StackOperation.Drift && report.Outcome == StackOutcome.Succeeded && report.Findings.HasDrift)
            md.Append(DriftWords.WhatToDo).Append("\n\n");

        if (!string.IsNullOrWhiteSpace(report.Note))
        {
            var lines = report.Note.Split('\n').Select(line => MarkdownReport.Html(line.TrimEnd('\r')));
            md.Append("> **").Append(report.Outcome == StackOutcome.Failed ? "Failure" : "Note").Append(":** ")
                .AppendJoin("\n> ", lines).Append("\n\n");
        }

        if (report.Outcome != StackOutcome.Skipped)
            md.Append("Duration: ").Append(MarkdownReport.Duration(report.Duration)).Append('\n');
        return md.ToString();
    }

    private static string Properties(System.Collections.Immutable.ImmutableArray<string> properties) =>
        properties.IsDefaultOrEmpty ? "—" : string.Join(", ", properties.Select(MarkdownReport.Code));

    private static string Icon(StackReport report) => report.Outcome switch
    {
        StackOutcome.Failed => "❌",
        StackOutcome.Skipped => "⏭️",
        _ when report.Operation == StackOperation.Drift && report.Findings.HasDrift => "⚠️",
        _ => "✅",
    };
}
