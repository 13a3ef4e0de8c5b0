using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Orchestration;

/// <summary>Writes the pipeline's progress and Pulumi's lines to a terminal; markup in them is shown as text.</summary>
public sealed class ConsolePipelineOutput : IPipelineOutput
{
    private readonly IAnsiConsole _console;

    public ConsolePipelineOutput(IAnsiConsole console) => _console = console;

    public void Progress(string message) => _console.MarkupLine($"[blue]»[/] {Markup.Escape(message)}");

    public void PulumiLine(string line) => _console.WriteLine(line);

    public void Warning(string message) => _console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
}
