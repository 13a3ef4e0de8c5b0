using AssumeRolePipeline.Pipeline.Model;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Reporting;

/// <summary>
/// Writes the pipeline's progress and Pulumi's lines to the console; markup in them is shown as text, and a value
/// in a message (an ARN, a key id, a stack name) is never broken over two lines.
/// </summary>
public sealed class ConsolePipelineOutput : IPipelineOutput
{
    private readonly IAnsiConsole _console;

    public ConsolePipelineOutput(IAnsiConsole console) => _console = console ?? throw new ArgumentNullException(nameof(console));

    public void Progress(string message) => _console.MarkupLineBetweenWords($"[blue]»[/] {Markup.Escape(message)}");

    // Straight to the console's writer, as Pulumi wrote it: Pulumi lays out its own lines.
    public void PulumiLine(string line) => _console.Profile.Out.Writer.WriteLine(line);

    public void Warning(string message) => _console.MarkupLineBetweenWords($"[yellow]warning:[/] {Markup.Escape(message)}");
}
