using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>What one Pulumi operation returned, mapped out of the Automation API's types by the adapter.</summary>
/// <param name="Counts">The engine's summary, by change kind; empty where the operation gives none (a refresh).</param>
/// <param name="Outputs">The stack's outputs after an update; empty otherwise.</param>
/// <param name="Log">Pulumi's standard output, unmasked: the stage runner masks it.</param>
public sealed record OperationOutcome(
    ImmutableDictionary<ChangeKind, int> Counts,
    ImmutableDictionary<string, StackOutputValue> Outputs,
    string Log)
{
    /// <summary>An outcome from the SDK's shapes: a summary keyed by its operation type, outputs as value and secrecy.</summary>
    public static OperationOutcome Of<TOperation>(IEnumerable<KeyValuePair<TOperation, int>>? summary,
        IEnumerable<KeyValuePair<string, (object? Value, bool IsSecret)>>? outputs, string? log)
        where TOperation : notnull =>
        new(ResourceChangeCollector.Counts(summary),
            (outputs ?? []).ToImmutableDictionary(o => o.Key, o => StackOutputValue.From(o.Value.Value, o.Value.IsSecret)),
            log ?? string.Empty);
}
