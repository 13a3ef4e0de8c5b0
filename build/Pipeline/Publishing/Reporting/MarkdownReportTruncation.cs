using System.Text;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>
/// Cuts Markdown to a length without breaking what follows it: the cut falls on a line end, and a code
/// fence or <c>&lt;details&gt;</c> left open by the cut is closed, so the text after it (a note, another
/// stack's section) still renders as Markdown.
/// </summary>
internal static partial class MarkdownReportTruncation
{
    /// <summary>The longest prefix of <paramref name="markdown"/>, closed, of at most <paramref name="maxLength"/> characters.</summary>
    public static string Cut(string markdown, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (markdown.Length <= maxLength)
            return markdown;

        var budget = maxLength;
        while (budget > 0)
        {
            var cut = Close(WholeLines(markdown, budget));
            if (cut.Length <= maxLength)
                return cut;
            budget -= cut.Length - maxLength; // the closers did not fit: give up as many characters of text
        }

        return string.Empty;
    }

    /// <summary>Like <see cref="Cut"/>, counting UTF-8 bytes (what GitHub's size limit of a step summary counts).</summary>
    public static string CutToBytes(string markdown, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (Encoding.UTF8.GetByteCount(markdown) <= maxBytes)
            return markdown;

        // Characters and bytes differ by a varying factor: search for the longest cut that fits.
        string best = string.Empty;
        int low = 0, high = Math.Min(markdown.Length, maxBytes);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var cut = Cut(markdown, middle);
            if (Encoding.UTF8.GetByteCount(cut) <= maxBytes)
            {
                best = cut;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best;
    }

    private static string WholeLines(string markdown, int length)
    {
        var prefix = markdown[..length];
        var lastLineEnd = prefix.LastIndexOf('\n');
        if (lastLineEnd >= 0)
            return prefix[..(lastLineEnd + 1)];
        // A single long line: cut inside it, but never between the halves of a surrogate pair.
        return prefix.Length > 0 && char.IsHighSurrogate(prefix[^1]) ? prefix[..^1] : prefix;
    }

    /// <summary>Appends what closes the fence and the <c>&lt;details&gt;</c> blocks <paramref name="markdown"/> leaves open.</summary>
    internal static string Close(string markdown)
    {
        string? openFence = null;
        var openDetails = 0;
        foreach (var line in markdown.Split('\n'))
        {
            var fence = FencePattern().Match(line);
            if (openFence is null)
            {
                if (fence.Success)
                {
                    openFence = fence.Groups["fence"].Value;
                    continue;
                }

                openDetails += DetailsOpenPattern().Count(line) - DetailsClosePattern().Count(line);
                openDetails = Math.Max(openDetails, 0);
            }
            else if (fence.Success && fence.Groups["info"].Value.Trim().Length == 0 &&
                     fence.Groups["fence"].Value[0] == openFence[0] &&
                     fence.Groups["fence"].Value.Length >= openFence.Length)
            {
                openFence = null;
            }
        }

        if (openFence is null && openDetails == 0)
            return markdown;
        var closed = new StringBuilder(markdown);
        if (closed.Length > 0 && closed[^1] != '\n')
            closed.Append('\n');
        if (openFence is not null)
            closed.Append(openFence).Append('\n');
        for (var i = 0; i < openDetails; i++)
            closed.Append("\n</details>\n");
        return closed.ToString();
    }

    // CommonMark: up to three spaces, then three or more backticks or tildes, then an info string.
    [GeneratedRegex("^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex FencePattern();

    [GeneratedRegex("<details[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex DetailsOpenPattern();

    [GeneratedRegex("</details\\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex DetailsClosePattern();
}
