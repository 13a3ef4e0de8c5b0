using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>A whole run: its stages in the order they ran, stopping at the first that failed.</summary>
public sealed record PipelineRun(StackOperation Operation, ImmutableArray<StageResult> Stages)
{
    public bool Succeeded => !Stages.Any(s => s.Failed);

    /// <summary>Which stage failed and why, for the exit message and the summary.</summary>
    public string? Failure => Stages.FirstOrDefault(s => s.Failed) is { } failed
        ? $"{failed.Report.Project}/{failed.Report.Stack}: {failed.Report.Note}"
        : null;

    public ImmutableArray<StackReport> Reports => Stages.Select(s => s.Report).ToImmutableArray();
}
