using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using static AssumeRolePipeline.Pipeline.Tests.Reporting.WholeValueRendering;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class ConsolePipelineOutputWholeValueTests
{
    [Theory]
    [MemberData(nameof(Consoles), MemberType = typeof(WholeValueRendering))]
    public void Progress_and_warnings_never_break_a_value(string kind)
    {
        var (console, output) = Console(kind);
        var pipeline = new ConsolePipelineOutput(console);
        var progress = $"Handed off {KeyId} and {Arn} to the '{Stack}' environment; watch it at {Url}";
        var warning = $"the stack {Stack} is left behind with the role {Arn} in it";

        pipeline.Progress(progress);
        pipeline.Warning(warning);

        var lines = Lines(output);
        Assert.Contains(lines, l => l.Contains(Arn, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Url, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Stack, StringComparison.Ordinal));
        Assert.Contains($"» {progress}", Words(lines), StringComparison.Ordinal);
        Assert.Contains($"warning: {warning}", Words(lines), StringComparison.Ordinal);
    }
}
