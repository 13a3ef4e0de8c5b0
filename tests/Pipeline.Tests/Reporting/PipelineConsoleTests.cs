using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class PipelineConsoleTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void A_terminal_gets_its_own_width_even_with_COLUMNS_set()
    {
        var console = PipelineConsole.Create(Environment(("COLUMNS", "60")), new StringWriter(), outputIsTerminal: true, terminalWidth: 132);

        Assert.Equal(132, console.Profile.Width);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)] // a terminal that does not say how wide it is
    public void Without_a_known_terminal_width_COLUMNS_is_the_width(bool terminal, int? terminalWidth)
    {
        var console = PipelineConsole.Create(Environment(("COLUMNS", "60")), new StringWriter(), terminal, terminalWidth);

        Assert.Equal(60, console.Profile.Width);
    }

    [Fact]
    public void Redirected_output_without_COLUMNS_is_not_wrapped_at_all_not_at_Spectres_80_columns()
    {
        var output = new StringWriter();
        var console = PipelineConsole.Create(Environment(), output, outputIsTerminal: false, terminalWidth: 80);
        var sentence = string.Join(' ', Enumerable.Repeat("a-word-of-some-length", 40)); // 879 characters

        console.MarkupLine(sentence); // Spectre's own MarkupLine: nothing to wrap it but the width

        Assert.Equal(PipelineConsole.Unbounded, console.Profile.Width);
        Assert.Equal(sentence + System.Environment.NewLine, output.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-40")]
    [InlineData("wide")]
    [InlineData("")]
    public void A_COLUMNS_that_is_no_positive_whole_number_counts_as_unset(string columns)
    {
        Assert.Equal(PipelineConsole.Unbounded, PipelineConsole.Width(outputIsTerminal: false, terminalWidth: null, columns));
    }

    [Fact]
    public void Redirected_output_has_no_colour_or_escape_codes_even_where_markup_asks_for_them()
    {
        var output = new StringWriter();
        var console = PipelineConsole.Create(Environment(("GITHUB_ACTIONS", "true")), output, outputIsTerminal: false, terminalWidth: null);

        console.MarkupLine("[red]failed[/] [bold]roleArn[/]");

        Assert.False(console.Profile.Capabilities.Ansi);
        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
        Assert.Equal("failed roleArn" + System.Environment.NewLine, output.ToString());
    }

    [Fact]
    public void NO_COLOR_turns_colour_off_in_a_terminal()
    {
        var console = PipelineConsole.Create(Environment(("NO_COLOR", "1")), new StringWriter(), outputIsTerminal: true, terminalWidth: 100);

        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }
}
