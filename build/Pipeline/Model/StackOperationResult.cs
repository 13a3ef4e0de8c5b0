using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>What a preview, up or destroy reported, mapped out of the Automation API's types.</summary>
/// <param name="Outputs">The stack's outputs after an up; empty for preview and destroy.</param>
/// <param name="Log">Pulumi's standard output, unmasked: the orchestrator masks it.</param>
public sealed record StackOperationResult(
    ImmutableDictionary<ChangeKind, int> Counts,
    ImmutableArray<ResourceChange> Changes,
    ImmutableDictionary<string, StackOutputValue> Outputs,
    string Log)
{
    /// <summary>
    /// For a drift check or a refresh: what differs between the cloud and the state (names only, from the
    /// engine's events by the stages' DriftCollector); null for the other operations.
    /// </summary>
    public DriftFindings? Drift { get; init; }

    /// <summary>Each step the engine announced, with its old and new inputs: what the IAM change review reads. Unmasked.</summary>
    public ImmutableArray<EngineStep> Steps { get; init; } = [];
}
