using System.Collections.Immutable;
using System.Text.Json.Serialization;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Operations.Drift;

/// <summary>
/// What a drift check, refresh or remediation of one stack found and did: the input of the console
/// table, the job summary, the report file and the GitHub issue. It holds names only (types, logical
/// names, property names), already masked, so it is safe to print, store and hand between jobs.
/// </summary>
/// <param name="Drift">What differs between the cloud and the state (drift check and refresh).</param>
/// <param name="Changes">What a remediation changed to bring the cloud back to the program.</param>
/// <param name="Note">Why the stack was skipped or failed, or anything else the reader must know.</param>
public sealed record StackDriftReport(
    string Project,
    string Stack,
    StackOperation Operation,
    StackOutcome Outcome,
    DriftFindings Drift,
    ImmutableArray<ResourceChange> Changes,
    TimeSpan Duration,
    string? Note = null)
{
    public string DisplayName => $"{Project}/{Stack}";

    /// <summary>True when the check ran and found drift (or a remediation changed something back).</summary>
    [JsonIgnore]
    public bool HasDrift => Drift.HasDrift || Changes.Any(c => c.Kind != ChangeKind.Same);

    public static StackDriftReport From(StackReport report, DriftFindings? drift)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new StackDriftReport(report.Project, report.Stack, report.Operation, report.Outcome, drift ?? DriftFindings.None,
            report.Operation == StackOperation.Remediate ? report.Changes : [], report.Duration, report.Note);
    }
}
