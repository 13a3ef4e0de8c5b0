using System.Text;

namespace AssumeRolePipeline.Pipeline.Safety.Failures;

/// <summary>
/// The few lines that say why an operation failed, out of the Pulumi CLI's whole output: its own
/// <c>error:</c> diagnostics where there are any, otherwise the first meaningful line. The text it is
/// given must already be masked; the whole log belongs in the report's folded log, never in a note.
/// </summary>
public static class FailureNote
{
    /// <summary>A note's length at most: a GitHub annotation shows a few lines, not a log.</summary>
    public const int MaxLength = 1_500;

    public const int MaxDiagnostics = 3;

    private const int MaxLineLength = 400;

    // What CommandException.Message puts before the CLI's streams; Pulumi's generic last words.
    private static readonly string[] StreamLabels = ["code:", "stdout:", "stderr:"];
    private static readonly string[] GenericErrors = ["update failed", "preview failed", "destroy failed", "refresh failed"];

    /// <summary>The cause in one to <see cref="MaxDiagnostics"/> lines, or null when the text holds nothing meaningful.</summary>
    public static string? Summarize(string? maskedCliText)
    {
        if (string.IsNullOrWhiteSpace(maskedCliText))
            return null;
        var lines = maskedCliText.Split('\n').Select(Unlabelled).ToList();
        var diagnostics = Diagnostics(lines).Distinct(StringComparer.Ordinal).ToList();
        var specific = diagnostics.Where(d => !GenericErrors.Contains(d.TrimEnd('.'), StringComparer.OrdinalIgnoreCase)).ToList();
        var chosen = (specific.Count > 0 ? specific : diagnostics).Take(MaxDiagnostics).Select(Shorten).ToList();
        if (chosen.Count > 0)
            return Cap(string.Join("; ", chosen));
        return lines.FirstOrDefault(l => l.Length > 0 && !IsExitCode(l)) is { } first ? Cap(Shorten(first)) : null;
    }

    /// <summary>Keeps a note within <see cref="MaxLength"/>, on one line per cause.</summary>
    public static string Cap(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return note.Length <= MaxLength ? note : string.Concat(note.AsSpan(0, MaxLength - 1), "…");
    }

    /// <summary>Each <c>error:</c> line, with the <c>* …</c> lines Pulumi indents under it (one error, several causes).</summary>
    private static IEnumerable<string> Diagnostics(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("error:", StringComparison.Ordinal))
                continue;
            var text = new StringBuilder(lines[i]["error:".Length..].Trim());
            while (i + 1 < lines.Count && lines[i + 1].StartsWith("* ", StringComparison.Ordinal))
                text.Append(' ').Append(lines[++i]);
            if (text.Length > 0)
                yield return text.ToString();
        }
    }

    private static string Unlabelled(string line)
    {
        var text = line.Trim();
        foreach (var label in StreamLabels)
        {
            if (text.StartsWith(label, StringComparison.Ordinal))
                return text[label.Length..].Trim();
        }

        return text;
    }

    private static bool IsExitCode(string line) => line.All(char.IsAsciiDigit);

    private static string Shorten(string line) =>
        line.Length <= MaxLineLength ? line : string.Concat(line.AsSpan(0, MaxLineLength - 1), "…");
}
