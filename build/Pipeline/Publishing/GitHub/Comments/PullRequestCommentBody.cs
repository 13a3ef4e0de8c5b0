using System.Text;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;

/// <summary>One stack's part of the pipeline's PR comment.</summary>
internal sealed record CommentSection(string Id, string Markdown);

/// <summary>
/// The pipeline's PR comment as text: a hidden marker, then one section per stack between hidden
/// per-section markers, so each job can find its own section and the others'.
/// </summary>
internal static partial class PullRequestCommentBody
{
    public const string Marker = "<!-- assume-role-pipeline -->";
    public const int MaxLength = 65_536;

    private const string Title = "## Pulumi · assume-role pipeline";

    public static bool IsOurs(string? body) => body?.StartsWith(Marker, StringComparison.Ordinal) == true;

    /// <summary>The sections of an existing body, in the order they appear.</summary>
    public static List<CommentSection> Parse(string body) =>
        [.. SectionPattern().Matches(body).Select(m => new CommentSection(m.Groups["id"].Value, m.Groups["content"].Value))];

    /// <summary>The whole body, at most <see cref="MaxLength"/> characters: the longest sections are cut first.</summary>
    public static string Compose(IReadOnlyList<CommentSection> sections, Uri runUrl)
    {
        var fitted = sections.Select(s => s with { Markdown = Defuse(s.Markdown) }).ToList();
        var note = "\n\n> ✂️ This section was cut to fit GitHub's limit of 65,536 characters per comment; " +
                   $"the full report is in the [workflow run]({runUrl.AbsoluteUri}).\n";
        var body = Join(fitted, runUrl);
        for (var attempt = 0; body.Length > MaxLength && attempt <= 2 * fitted.Count; attempt++)
        {
            var longest = fitted.Select((s, i) => (s.Markdown.Length, i)).Max().i;
            var keep = Math.Max(0, fitted[longest].Markdown.Length - (body.Length - MaxLength) - note.Length);
            fitted[longest] = fitted[longest] with { Markdown = MarkdownReportTruncation.Cut(fitted[longest].Markdown, keep) + note };
            body = Join(fitted, runUrl);
        }

        return body;
    }

    private static string Join(IEnumerable<CommentSection> sections, Uri runUrl)
    {
        var body = new StringBuilder(Marker).Append('\n').Append(Title).Append("\n\n");
        foreach (var section in sections)
        {
            body.Append(Start(section.Id)).Append('\n')
                .Append(section.Markdown.TrimEnd('\n')).Append('\n')
                .Append(End(section.Id)).Append("\n\n");
        }

        return body.Append("<sub>Last updated by [this workflow run](").Append(runUrl.AbsoluteUri).Append(").</sub>\n").ToString();
    }

    /// <summary>
    /// Makes a section safe to embed: closes a code block or <c>&lt;details&gt;</c> it leaves open (which would
    /// swallow the sections after it) and alters any text that looks like one of this comment's markers.
    /// </summary>
    private static string Defuse(string markdown) =>
        MarkdownReportTruncation.Close(markdown.Replace("<!-- assume-role-pipeline", "<!-- (quoted) assume-role-pipeline", StringComparison.Ordinal));

    private static string Start(string id) => $"<!-- assume-role-pipeline:section {id} -->";

    private static string End(string id) => $"<!-- assume-role-pipeline:end {id} -->";

    [GeneratedRegex(@"<!-- assume-role-pipeline:section (?<id>[A-Za-z0-9._@/-]+) -->\n(?<content>.*?)\n<!-- assume-role-pipeline:end \k<id> -->", RegexOptions.Singleline)]
    private static partial Regex SectionPattern();
}
