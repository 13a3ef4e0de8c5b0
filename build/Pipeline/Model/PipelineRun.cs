using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// A whole run: its stages in the order they ran. A deploy stops at the first that failed; a drift check or refresh
/// checks every stack, so more than one can fail.
/// </summary>
public sealed record PipelineRun(StackOperation Operation, ImmutableArray<StageResult> Stages)
{
    public bool Succeeded => !Stages.Any(s => s.Failed);

    /// <summary>What a reader calls the run, in the summary's title and the failure annotation: the operation, unless told.</summary>
    public string Name { get; init; } = Operation.ToString();

    /// <summary>Which stages failed and why, for the exit message and the summary.</summary>
    public string? Failure => Succeeded
        ? null
        : string.Join("; ", Stages.Where(s => s.Failed).Select(s => $"{s.Report.DisplayName}: {s.Report.Note}"));

    /// <summary>True when any stack that was checked has drift.</summary>
    public bool HasDrift => Stages.Any(s => s.Report.Drift is { HasDrift: true });

    public ImmutableArray<StackReport> Reports => Stages.Select(s => s.Report).ToImmutableArray();
}
