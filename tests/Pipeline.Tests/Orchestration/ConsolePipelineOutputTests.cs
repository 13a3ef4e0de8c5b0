using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class ConsolePipelineOutputTests
{
    private readonly StringWriter _writer = new();

    private ConsolePipelineOutput Output()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(_writer) });
        console.Profile.Width = 80;
        return new ConsolePipelineOutput(console);
    }

    [Fact]
    public void Pulumi_lines_are_written_as_they_are_never_wrapped_or_read_as_markup()
    {
        var line = "    ~ aws:iam/role:Role: (update) [urn=urn:pulumi:dev::create-role::aws:iam/role:Role::allow-s3-management] " + new string('x', 100);

        Output().PulumiLine(line);

        Assert.Equal(line + Environment.NewLine, _writer.ToString());
    }

    [Fact]
    public void Progress_and_warnings_show_brackets_as_text()
    {
        var output = Output();

        output.Progress("Up create-role/dev [1/2]");
        output.Warning("left behind: [bucket]");

        var text = _writer.ToString();
        Assert.Contains("» Up create-role/dev [1/2]", text, StringComparison.Ordinal);
        Assert.Contains("warning: left behind: [bucket]", text, StringComparison.Ordinal);
    }
}
