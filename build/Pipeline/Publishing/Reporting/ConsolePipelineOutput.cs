using AssumeRolePipeline.Pipeline.Model;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>Writes the pipeline's progress and Pulumi's lines to a terminal; markup in them is shown as text.</summary>
public sealed class ConsolePipelineOutput : IPipelineOutput
{
    private readonly IAnsiConsole _console;

    public ConsolePipelineOutput(IAnsiConsole console) => _console = console;

    public void Progress(string message) => _console.MarkupLine($"[blue]»[/] {Markup.Escape(message)}");

    // Straight to the terminal's writer: the console would wrap it at its width (80 columns on a CI runner).
    public void PulumiLine(string line) => _console.Profile.Out.Writer.WriteLine(line);

    public void Warning(string message) => _console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
}
