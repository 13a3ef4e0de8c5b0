using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

/// <summary>A drift operation's report as the drift pipeline makes it: a stack report that carries what it found.</summary>
internal static class DriftReport
{
    public static StackReport Create(string project, string stack, StackOperation operation, StackOutcome outcome, DriftFindings drift,
        ImmutableArray<ResourceChange> changes, TimeSpan duration, string? note = null) =>
        new StackReport(project, stack, operation, outcome, ImmutableDictionary<ChangeKind, int>.Empty, changes, [], string.Empty, duration, note)
        {
            Drift = drift,
        };
}
