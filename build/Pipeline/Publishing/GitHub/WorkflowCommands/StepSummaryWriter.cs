using System.Text;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

/// <summary>
/// Appends Markdown to the step's job summary (<c>GITHUB_STEP_SUMMARY</c>). GitHub rejects a summary over
/// 1 MiB with an error and shows none of it, so the file is kept at or under that size: what does not fit
/// is cut, with a visible note in its place.
/// </summary>
public sealed class StepSummaryWriter
{
    /// <summary>GitHub's limit for one step's summary, in bytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    internal const string TruncationNote =
        "\n\n> [!WARNING]\n> The rest of this summary was left out: GitHub shows at most 1 MiB of summary per step. " +
        "The job log has the full output.\n";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private bool _truncated;

    public StepSummaryWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <summary>Appends <paramref name="markdown"/>; returns false when some or all of it was left out to stay under 1 MiB.</summary>
    public bool Append(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (_truncated)
            return false;

        var existing = File.Exists(_path) ? new FileInfo(_path).Length : 0;
        if (existing + Utf8NoBom.GetByteCount(markdown) <= MaxBytes)
        {
            File.AppendAllText(_path, markdown, Utf8NoBom);
            return true;
        }

        _truncated = true;
        var room = MaxBytes - existing - Utf8NoBom.GetByteCount(TruncationNote);
        if (room < 0)
            return false; // not even the note fits: the file is already at the limit
        var cut = MarkdownReportTruncation.CutToBytes(markdown, (int)room);
        File.AppendAllText(_path, cut + TruncationNote, Utf8NoBom);
        return false;
    }
}
