using System.Globalization;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>
/// The console the build writes to. Left to itself Spectre.Console takes 80 columns when the output is not a
/// terminal (every CI log, a redirected run) and wraps there, splitting ARNs and stack names over two lines. Here
/// the width is the terminal's; else <c>COLUMNS</c> when it is a positive whole number; else <see cref="Unbounded"/>,
/// so that nothing wraps. ANSI styles and colour only in a terminal, and no colour there either with <c>NO_COLOR</c>.
/// </summary>
public static class PipelineConsole
{
    /// <summary>
    /// The width where none is known: wider than any line the build prints (a value may be a policy document of
    /// several thousand characters), yet far from <see cref="int.MaxValue"/>, where Spectre's sums of widths would overflow.
    /// </summary>
    public const int Unbounded = 32_767;

    /// <summary>The console of this process, on its standard output.</summary>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    public static IAnsiConsole ForProcess(Func<string, string?> environment)
    {
        var terminal = !Console.IsOutputRedirected;
        return Create(environment, Console.Out, terminal, terminal ? TerminalWidth() : null);
    }

    /// <param name="environment">Reads an environment variable: <c>COLUMNS</c>, <c>NO_COLOR</c>.</param>
    /// <param name="output">Where the console writes.</param>
    /// <param name="outputIsTerminal">Whether <paramref name="output"/> is a terminal a person watches (not a file or pipe).</param>
    /// <param name="terminalWidth">The terminal's width in columns, when known.</param>
    public static IAnsiConsole Create(Func<string, string?> environment, TextWriter output, bool outputIsTerminal, int? terminalWidth)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = outputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = outputIsTerminal && !NoColor(environment) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = outputIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
            // Spectre's CI enrichers would switch ANSI back on in a GitHub Actions log: escape codes are not text to copy.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = Width(outputIsTerminal, terminalWidth, environment("COLUMNS"));
        return console;
    }

    /// <summary>How wide the console's lines may be before a message wraps between words.</summary>
    /// <param name="columns">The value of <c>COLUMNS</c>; one that is no positive whole number counts as unset
    /// (it is the shell's, not the build's: a stray value must not stop a run).</param>
    public static int Width(bool outputIsTerminal, int? terminalWidth, string? columns)
    {
        if (outputIsTerminal && terminalWidth is > 0)
            return Math.Min(terminalWidth.Value, Unbounded);
        return int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width > 0
            ? Math.Min(width, Unbounded)
            : Unbounded;
    }

    /// <summary>Set and not empty, as https://no-color.org asks.</summary>
    private static bool NoColor(Func<string, string?> environment) => !string.IsNullOrEmpty(environment("NO_COLOR"));

    private static int? TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : null;
        }
        catch (IOException) // no console to ask after all
        {
            return null;
        }
    }
}
