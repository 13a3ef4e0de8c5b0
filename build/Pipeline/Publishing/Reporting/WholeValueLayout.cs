using Spectre.Console;
using Spectre.Console.Rendering;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>
/// Lays content out so that Spectre.Console never breaks a value (ARN, key id, URL, stack name): a line breaks only
/// at a space, and a word wider than the console stays whole on a line of its own, where Spectre would fold it.
/// See <see cref="ConsoleWholeValues"/>.
/// </summary>
internal sealed class WholeValueLayout : IRenderable
{
    private readonly IRenderable _content;
    private readonly Func<RenderOptions, int, int> _width;
    private readonly bool _wrapBetweenWords;

    private WholeValueLayout(IRenderable content, Func<RenderOptions, int, int> width, bool wrapBetweenWords)
    {
        _content = content;
        _width = width;
        _wrapBetweenWords = wrapBetweenWords;
    }

    /// <summary>Never wrapped: a line such as <c>name = value</c> stays one line at any width.</summary>
    public static WholeValueLayout Unwrapped(IRenderable content) => new(content, (_, _) => PipelineConsole.Unbounded, false);

    /// <summary>Wrapped at the console's width between words, never inside one.</summary>
    public static WholeValueLayout BetweenWords(IRenderable content) => new(content, (_, _) => PipelineConsole.Unbounded, true);

    /// <summary>
    /// A table whose <see cref="TableColumn.NoWrap"/> columns keep every cell on one line, and whose other columns
    /// wrap between words to fit the console where they can. Spectre itself would narrow even a no-wrap column, and
    /// fold words, once the table is wider than the console; so the column widths are chosen here.
    /// </summary>
    public static WholeValueLayout Table(Table table) => new(table, (options, width) => Fit(table, options, width), false);

    public Measurement Measure(RenderOptions options, int maxWidth)
    {
        var measured = _content.Measure(options, _width(options, maxWidth));
        return _wrapBetweenWords ? new Measurement(measured.Min, Math.Max(measured.Min, Math.Min(measured.Max, maxWidth))) : measured;
    }

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var segments = _content.Render(options, _width(options, maxWidth));
        return _wrapBetweenWords ? WrapBetweenWords(segments, maxWidth) : segments;
    }

    /// <summary>
    /// Breaks the lines of content laid out without limit at <paramref name="width"/>, at spaces only; the spaces at
    /// a break are dropped. Spectre's segments of text are its words and the spaces between them.
    /// </summary>
    private static IEnumerable<Segment> WrapBetweenWords(IEnumerable<Segment> segments, int width)
    {
        var column = 0;
        var broken = false;
        foreach (var segment in segments)
        {
            if (segment.IsLineBreak || segment.IsControlCode)
            {
                column = segment.IsLineBreak ? 0 : column;
                broken = false;
                yield return segment;
                continue;
            }

            var cells = segment.CellCount();
            if (column > 0 && column + cells > width)
            {
                yield return Segment.LineBreak;
                column = 0;
                broken = true;
            }

            if (broken && column == 0 && segment.IsWhiteSpace)
                continue;
            yield return segment;
            column += cells;
        }
    }

    /// <summary>Sets the width of each column of <paramref name="table"/>; returns the width to render the table at.</summary>
    private static int Fit(Table table, RenderOptions options, int consoleWidth)
    {
        var columns = table.Columns;
        var least = new int[columns.Count];
        var widths = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var cells = table.Rows.Select(row => row.ElementAtOrDefault(i)).Append(columns[i].Header).Append(columns[i].Footer)
                .OfType<IRenderable>().Select(cell => cell.Measure(options, PipelineConsole.Unbounded)).ToList();
            widths[i] = cells.Max(m => m.Max);
            least[i] = columns[i].NoWrap ? widths[i] : cells.Max(m => m.Min);
        }

        SetWidths(table, widths);
        var borders = ((IRenderable)table).Measure(options, PipelineConsole.Unbounded).Max - widths.Sum();

        // Narrow the widest column that may wrap, a column at a time, until the table fits or none may narrow further.
        for (var excess = widths.Sum() + borders - consoleWidth; excess > 0 && WidestThatMayNarrow(widths, least) is var widest and >= 0; excess--)
            widths[widest]--;

        // A title or caption is laid out in the table's width: as wide as its longest word at least.
        var annotation = new[] { table.Title, table.Caption }.OfType<TableTitle>()
            .Select(title => ((IRenderable)new Markup(title.Text)).Measure(options, PipelineConsole.Unbounded).Min)
            .DefaultIfEmpty(0).Max();
        if (widths.Length > 0 && widths.Sum() + borders < annotation)
            widths[^1] += annotation - widths.Sum() - borders;

        SetWidths(table, widths);
        return Math.Max(consoleWidth, widths.Sum() + borders);
    }

    /// <returns>The index of the widest column still wider than its longest word (or its whole cell, for a no-wrap column); -1 for none.</returns>
    private static int WidestThatMayNarrow(int[] widths, int[] least)
    {
        var widest = -1;
        for (var i = 0; i < widths.Length; i++)
        {
            if (widths[i] > least[i] && (widest < 0 || widths[i] > widths[widest]))
                widest = i;
        }

        return widest;
    }

    private static void SetWidths(Table table, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
            table.Columns[i].Width = widths[i];
    }
}
