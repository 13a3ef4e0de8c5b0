using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

internal sealed class RecordingOutput : IPipelineOutput
{
    public List<string> Lines { get; } = [];

    public void Progress(string message) => Lines.Add("progress: " + message);

    public void PulumiLine(string line) => Lines.Add("pulumi: " + line);

    public void Warning(string message) => Lines.Add("warning: " + message);
}
