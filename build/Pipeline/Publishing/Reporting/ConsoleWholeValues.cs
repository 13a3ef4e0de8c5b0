using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>
/// Writing to a console without ever breaking a value (ARN, key id, URL, stack name) over two lines, so that a person
/// can copy it: Spectre's own <c>MarkupLine</c> and tables fold any word wider than the room they have.
/// </summary>
public static class ConsoleWholeValues
{
    /// <summary>A line that is never wrapped, for <c>name = value</c>: the value stays next to its name.</summary>
    public static void MarkupLineUnwrapped(this IAnsiConsole console, string markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(WholeValueLayout.Unwrapped(new Markup(markup + Environment.NewLine)));
    }

    /// <summary>A message, wrapped at the console's width between words and never inside one.</summary>
    public static void MarkupLineBetweenWords(this IAnsiConsole console, string markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(WholeValueLayout.BetweenWords(new Markup(markup + Environment.NewLine)));
    }

    /// <summary>
    /// A table in which a cell of a <see cref="TableColumn.NoWrap"/> column is always one line, and the other columns
    /// wrap between words only; the table is wider than the console rather than break a value. Sets the width of each
    /// of <paramref name="table"/>'s columns.
    /// </summary>
    public static void WriteKeepingValuesWhole(this IAnsiConsole console, Table table)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(table);
        console.Write(WholeValueLayout.Table(table));
    }
}
