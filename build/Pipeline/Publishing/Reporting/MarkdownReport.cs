using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Drift;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>
/// Renders a <see cref="StackReport"/> as GitHub-flavoured Markdown, for PR comments and job summaries.
/// It gets masked data only and shows no secret output's value; what it adds is structure: a heading, the
/// counts, the changed resources, the outputs, and the log folded away where no line of it can end the fence.
/// </summary>
public static partial class MarkdownReport
{
    /// <summary>Below this a report cannot say anything useful; asking for less is a bug in the caller.</summary>
    public const int MinLength = 512;

    private static readonly ChangeKind[] CountOrder =
        [ChangeKind.Create, ChangeKind.Update, ChangeKind.Replace, ChangeKind.Delete, ChangeKind.Same];

    /// <param name="maxLength">
    /// Longest result in characters. Past it the log is cut first (its end is kept: errors and the summary
    /// come last), then the rest; a visible note says so and links <paramref name="runUrl"/>.
    /// </param>
    /// <param name="runUrl">The workflow run with the full log, linked from truncation notes.</param>
    public static string Render(StackReport report, int maxLength = int.MaxValue, Uri? runUrl = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, MinLength);
        if (report.Drift is not null)
            return DriftMarkdownReport.Render(report); // names only: far below any limit

        var full = Compose(report, report.Log, logNote: null);
        if (full.Length <= maxLength)
            return full;

        var seeRun = runUrl is null ? "the job log" : $"the [workflow run]({runUrl.AbsoluteUri})";
        var log = report.Log;
        var kept = log.Length;
        while (kept > 0)
        {
            var tail = LogTail(log, kept);
            var note = $"The log below is cut to its last {tail.Length:N0} of {log.Length:N0} characters; the full log is in {seeRun}.";
            var rendered = Compose(report, tail, note);
            if (rendered.Length <= maxLength)
                return rendered;
            kept -= Math.Max(rendered.Length - maxLength, 1);
        }

        // Even without its log the report is too long (a very large change set): cut the rest as well.
        var withoutLog = Compose(report, string.Empty, $"The log is left out to fit; it is in {seeRun}.");
        var cutNote = $"\n\n> ✂️ This report is cut to fit; the whole of it is in {seeRun}.\n";
        return MarkdownReportTruncation.Cut(withoutLog, maxLength - cutNote.Length) + cutNote;
    }

    private static string Compose(StackReport report, string log, string? logNote)
    {
        var md = new StringBuilder();
        md.Append("### ").Append(Icon(report.Outcome)).Append(' ')
            .Append(Text(report.Project)).Append(" / ").Append(Text(report.Stack)).Append(" — ")
            .Append(Verb(report.Operation)).Append(' ').Append(Outcome(report.Outcome)).Append("\n\n");

        // First in the stack's section: what the change does to who may do what. Rendered and masked by the stages.
        if (report.IamChanges is { } iam)
            md.Append(iam.Markdown);

        md.Append(string.Join(" · ", CountOrder.Select(kind => $"{Word(kind)} {report.Count(kind)}"))).Append("\n\n");

        var changes = report.Changes.Where(c => c.Kind != ChangeKind.Same).ToList();
        if (changes.Count > 0)
        {
            md.Append("| Change | Type | Name | Changed properties |\n| --- | --- | --- | --- |\n");
            foreach (var change in changes)
            {
                var properties = change.ChangedProperties.IsDefaultOrEmpty
                    ? "—"
                    : string.Join(", ", change.ChangedProperties.Select(Code));
                md.Append("| ").Append(Word(change.Kind))
                    .Append(" | ").Append(Cell(Code(change.Type)))
                    .Append(" | ").Append(Cell(Text(change.Name)))
                    .Append(" | ").Append(Cell(properties)).Append(" |\n");
            }

            md.Append('\n');
        }

        if (!report.Outputs.IsDefaultOrEmpty)
        {
            md.Append("| Output | Value |\n| --- | --- |\n");
            foreach (var output in report.Outputs)
            {
                // Display never holds a secret's value: ReportedOutput drops it when it is built.
                var value = output.IsSecret ? ReportedOutput.SecretPlaceholder : Code(output.Display);
                md.Append("| ").Append(Cell(Text(output.Name))).Append(" | ").Append(Cell(value)).Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("Duration: ").Append(Duration(report.Duration)).Append("\n\n");

        // The mandatory ones are the failure's note; the advisory ones are said here.
        var advisory = report.PolicyViolations.Where(v => !v.Mandatory).ToList();
        if (advisory.Count > 0)
        {
            md.Append("**Policy warnings** (advisory: nothing was stopped):\n\n");
            foreach (var violation in advisory)
                md.Append("- ").Append(Code(violation.Policy)).Append(" on ").Append(Code(violation.Resource)).Append(": ").Append(Text(violation.Message)).Append('\n');
            md.Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(report.Note))
        {
            // Quoted line by line; HTML is defused so a note cannot open or close the log's <details>.
            var noteLines = report.Note.Split('\n').Select(line => Html(line.TrimEnd('\r')));
            md.Append("> **").Append(report.Outcome == StackOutcome.Failed ? "Failure" : "Note").Append(":** ")
                .AppendJoin("\n> ", noteLines).Append("\n\n");
        }

        if (logNote is not null)
            md.Append("> ✂️ ").Append(logNote).Append("\n\n");

        if (log.Length > 0)
        {
            var fence = new string('`', Math.Max(3, LongestBacktickRun(log) + 1));
            var lines = log.Count(c => c == '\n') + (log.EndsWith('\n') ? 0 : 1);
            md.Append("<details><summary>Full log (").Append(lines.ToString("N0", CultureInfo.InvariantCulture))
                .Append(lines == 1 ? " line" : " lines").Append(")</summary>\n\n")
                .Append(fence).Append("text\n").Append(log);
            if (!log.EndsWith('\n'))
                md.Append('\n');
            md.Append(fence).Append("\n\n</details>\n");
        }

        return md.ToString();
    }

    /// <summary>The last <paramref name="length"/> characters, from the start of a line when one is near.</summary>
    private static string LogTail(string log, int length)
    {
        var tail = log[^Math.Min(length, log.Length)..];
        var lineStart = tail.IndexOf('\n');
        tail = lineStart >= 0 && lineStart < tail.Length - 1 ? tail[(lineStart + 1)..] : tail;
        return tail.Length > 0 && char.IsLowSurrogate(tail[0]) ? tail[1..] : tail;
    }

    // CommonMark: a fence closes only on a run of backticks at least as long as the one that opened it.
    private static int LongestBacktickRun(string text) =>
        BacktickRunPattern().Matches(text).Select(m => m.Length).DefaultIfEmpty(0).Max();

    /// <summary>Inline code that no backtick inside the value can end early.</summary>
    internal static string Code(string value)
    {
        var flat = Flatten(value);
        if (flat.Length == 0)
            return string.Empty;
        var ticks = new string('`', LongestBacktickRun(flat) + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : string.Empty;
        return ticks + pad + flat + pad + ticks;
    }

    /// <summary>Plain text with Markdown and HTML meaning taken away (a pipe is left to <see cref="Cell"/>).</summary>
    internal static string Text(string value) => MarkdownPunctuationPattern().Replace(Flatten(value), @"\$0");

    internal static string Html(string value) => value.Replace("<", "&lt;", StringComparison.Ordinal);

    // A pipe ends a table cell even inside inline code, unless escaped.
    internal static string Cell(string value) => value.Replace("|", @"\|", StringComparison.Ordinal);

    private static string Flatten(string value) => value.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    internal static string Duration(TimeSpan duration) => duration.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s");

    private static string Icon(StackOutcome outcome) => outcome switch
    {
        StackOutcome.Succeeded => "✅",
        StackOutcome.Failed => "❌",
        _ => "⏭️",
    };

    private static string Outcome(StackOutcome outcome) => outcome switch
    {
        StackOutcome.Succeeded => "succeeded",
        StackOutcome.Failed => "failed",
        _ => "skipped",
    };

    private static string Verb(StackOperation operation) => operation switch
    {
        StackOperation.Preview => "preview",
        StackOperation.Up => "update",
        StackOperation.Drift => "drift check",
        StackOperation.Refresh => "refresh",
        StackOperation.Remediate => "remediation",
        _ => "destroy",
    };

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Create => "create",
        ChangeKind.Update => "update",
        ChangeKind.Replace => "replace",
        ChangeKind.Delete => "delete",
        _ => "same",
    };

    [GeneratedRegex("`+")]
    private static partial Regex BacktickRunPattern();

    [GeneratedRegex(@"[\\`*_\[\]<>#!~&]")]
    private static partial Regex MarkdownPunctuationPattern();
}
