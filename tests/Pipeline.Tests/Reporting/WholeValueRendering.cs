using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

/// <summary>
/// Values that Spectre.Console would break over two lines at 80 columns or fewer, and the consoles of a CI log, a
/// narrow <c>COLUMNS</c> and an 80-column terminal to render them with.
/// </summary>
internal static partial class WholeValueRendering
{
    /// <summary>90 characters, no space: wider than a table cell or a line can give it at 80 columns.</summary>
    public const string Arn = "arn:aws:iam::123456789012:role/assume-role-pipeline/org-with-a-long-name/allow-s3-pr-12345";

    public const string Stack = "org-with-a-long-name/pr-12345";

    public const string Url = "https://github.com/org-with-a-long-name/assume-role-pipeline/actions/runs/1234567890/job/9876543210";

    public const string KeyId = "AKIAIOSFODNN7EXAMPLE";

    /// <summary>The ways the build's output is seen: a CI log (not a terminal, no COLUMNS), a narrow COLUMNS, an 80-column terminal.</summary>
    public static TheoryData<string> Consoles => ["ci-log", "COLUMNS=60", "terminal-80"];

    /// <summary>A console as <see cref="PipelineConsole.Create"/> makes it for <paramref name="kind"/>, and what it wrote.</summary>
    public static (IAnsiConsole Console, StringWriter Output) Console(string kind)
    {
        var output = new StringWriter();
        var console = kind switch
        {
            "ci-log" => PipelineConsole.Create(_ => null, output, outputIsTerminal: false, terminalWidth: null),
            "COLUMNS=60" => PipelineConsole.Create(name => name == "COLUMNS" ? "60" : null, output, outputIsTerminal: false, terminalWidth: null),
            "terminal-80" => PipelineConsole.Create(name => name == "NO_COLOR" ? "1" : null, output, outputIsTerminal: true, terminalWidth: 80),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a console of these tests"),
        };
        return (console, output);
    }

    /// <summary>The lines written, without the styles a terminal gets.</summary>
    public static string[] Lines(StringWriter output) =>
        AnsiEscape().Replace(output.ToString(), string.Empty).ReplaceLineEndings("\n").Split('\n');

    /// <summary>The text with its line breaks and runs of spaces (and table borders) as single spaces: what a reader reads.</summary>
    public static string Words(IEnumerable<string> lines) =>
        Spaces().Replace(string.Join(' ', lines).Replace('│', ' '), " ");

    /// <summary>The text of a table's column (0 first), its cells' lines read top to bottom as one text.</summary>
    public static string Column(IEnumerable<string> lines, int index) =>
        Words(lines.Where(l => l.StartsWith('│')).Select(l => l.Split('│')[index + 1]));

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
