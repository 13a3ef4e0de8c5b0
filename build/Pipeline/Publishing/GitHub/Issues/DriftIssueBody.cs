using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;

/// <summary>
/// The text of a stack's drift issue: a hidden marker naming the stack (how a later run finds it again),
/// the report, and a link to the run. At most GitHub's 65,536 characters.
/// </summary>
internal static class DriftIssueBody
{
    public const int MaxLength = 65_536;

    public static string Marker(string project, string stack) => $"<!-- assume-role-pipeline:drift {project}/{stack} -->";

    public static string Title(StackReport report) => $"Drift in {report.DisplayName}";

    public static bool IsFor(string? body, string project, string stack) =>
        body?.StartsWith(Marker(project, stack) + "\n", StringComparison.Ordinal) == true;

    public static string Compose(StackReport report, Uri runUrl)
    {
        var head = Marker(report.Project, report.Stack) + "\n";
        var foot = $"\n<sub>Found by [this workflow run]({runUrl.AbsoluteUri}); this issue is updated by every drift check " +
                   "and closed by the first one that finds no drift.</sub>\n";
        var cut = $"\n> ✂️ The report is cut to fit; the whole of it is in the [workflow run]({runUrl.AbsoluteUri}).\n";
        var markdown = DriftMarkdownReport.Render(report);
        var room = MaxLength - head.Length - foot.Length;
        if (markdown.Length > room)
            markdown = MarkdownReportTruncation.Cut(markdown, room - cut.Length) + cut;
        return head + markdown + foot;
    }

    public static string Closing(StackReport report, Uri runUrl) => report.Operation switch
    {
        StackOperation.Remediate => $"Remediated by [this workflow run]({runUrl.AbsoluteUri}): the cloud was brought back to the program.",
        StackOperation.Refresh => $"Adopted into the state by [this workflow run]({runUrl.AbsoluteUri}): the state now matches the cloud.",
        _ => $"No drift found by [this workflow run]({runUrl.AbsoluteUri}): {report.DisplayName} matches its state again.",
    };
}
