using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Operations.Drift;

/// <summary>A drift check, refresh or remediation of the stacks a run covered, in the order they ran.</summary>
public sealed record DriftRun(StackOperation Operation, ImmutableArray<DriftStage> Stages)
{
    public ImmutableArray<StackDriftReport> Reports => [.. Stages.Select(s => s.Report)];

    public bool Succeeded => !Stages.Any(s => s.Failed);

    /// <summary>True when any stack that was checked has drift.</summary>
    public bool HasDrift => Stages.Any(s => s.Report.Drift.HasDrift);

    /// <summary>Which stacks failed and why, for the exit message and the summary.</summary>
    public string? Failure => Succeeded
        ? null
        : string.Join("; ", Stages.Where(s => s.Failed).Select(s => $"{s.Report.DisplayName}: {s.Report.Note}"));
}
