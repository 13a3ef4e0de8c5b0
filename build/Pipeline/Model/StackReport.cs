using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// What one operation did (or would do) to one stack: the input of every summary, PR comment and job
/// summary. Built from already-masked text: <see cref="Log"/> has passed through the secret masker.
/// </summary>
/// <param name="Project">Pulumi project, e.g. <c>create-role</c>.</param>
/// <param name="Stack">Stack name, e.g. <c>dev</c>.</param>
/// <param name="Counts">How many resources fall in each bucket; absent buckets are zero.</param>
/// <param name="Log">The operation's own output (the diff), masked.</param>
/// <param name="Note">Why the stack was skipped or failed, or anything else the reader must know.</param>
public sealed record StackReport(
    string Project,
    string Stack,
    StackOperation Operation,
    StackOutcome Outcome,
    ImmutableDictionary<ChangeKind, int> Counts,
    ImmutableArray<ResourceChange> Changes,
    ImmutableArray<ReportedOutput> Outputs,
    string Log,
    TimeSpan Duration,
    string? Note = null)
{
    public int Count(ChangeKind kind) => Counts.GetValueOrDefault(kind);

    /// <summary>True when the operation changes (or changed) at least one resource.</summary>
    [JsonIgnore]
    public bool HasChanges => Counts.Any(c => c.Key != ChangeKind.Same && c.Value > 0);

    public string DisplayName => $"{Project}/{Stack}";

    /// <summary>
    /// For a drift check, refresh or remediation: what differs between the cloud and the state (names only, masked);
    /// null for the other operations.
    /// </summary>
    public DriftFindings? Drift { get; init; }

    /// <summary><see cref="Drift"/>, or none: what a drift renderer lists.</summary>
    [JsonIgnore]
    public DriftFindings Findings => Drift ?? DriftFindings.None;

    /// <summary>True when a drift check or refresh found drift, or a remediation changed something back.</summary>
    [JsonIgnore]
    public bool HasDrift => Drift is { HasDrift: true } || (Operation == StackOperation.Remediate && Changes.Any(c => c.Kind != ChangeKind.Same));

    /// <summary>
    /// What the stack's preview changes in IAM (for an update: the preview it ran first), rendered and masked; null when
    /// nothing IAM changes or the operation is not a preview or update.
    /// </summary>
    public ReportedIamChanges? IamChanges { get; init; }

    /// <summary>What the policy pack reported, masked: mandatory ones fail the operation, advisory ones are only shown.</summary>
    public ImmutableArray<PolicyViolation> PolicyViolations { get; init; } = [];

    public static StackReport Skipped(string project, string stack, StackOperation operation, string note) =>
        new(project, stack, operation, StackOutcome.Skipped, ImmutableDictionary<ChangeKind, int>.Empty, [], [], string.Empty, TimeSpan.Zero, note);
}
