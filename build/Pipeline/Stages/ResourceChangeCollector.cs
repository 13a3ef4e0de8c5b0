using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// Collects the resources an operation changes from Pulumi's engine events (fed by name, so no Pulumi
/// types are needed here). Events arrive on another thread than the one that reads the result.
/// </summary>
public sealed class ResourceChangeCollector
{
    private const string StackType = "pulumi:pulumi:Stack";
    private readonly Lock _lock = new();
    private readonly List<ResourceChange> _changes = [];

    /// <param name="operation">The step's <c>OperationType</c> name, e.g. <c>Create</c>.</param>
    /// <param name="urn">The resource URN; its last <c>::</c> segment is the logical name.</param>
    /// <param name="diffs">Names of the properties that differ (never values).</param>
    public void Add(string operation, string urn, string type, IEnumerable<string>? diffs)
    {
        if (type == StackType || ChangeKinds.FromPulumiOperation(operation) is not { } kind || kind == ChangeKind.Same)
            return;
        var name = ResourceUrn.NameOf(urn) ?? urn;
        lock (_lock)
            _changes.Add(new ResourceChange(type, name, kind, diffs?.ToImmutableArray() ?? []));
    }

    public ImmutableArray<ResourceChange> ToImmutable()
    {
        lock (_lock)
            return [.. _changes];
    }

    /// <summary>The five buckets from Pulumi's change summary (keys are <c>OperationType</c> names).</summary>
    public static ImmutableDictionary<ChangeKind, int> Counts<TOperation>(IEnumerable<KeyValuePair<TOperation, int>>? summary)
        where TOperation : notnull
    {
        var counts = ImmutableDictionary.CreateBuilder<ChangeKind, int>();
        foreach (var (operation, count) in summary ?? [])
        {
            if (ChangeKinds.FromPulumiOperation(operation.ToString()!) is { } kind)
                counts[kind] = counts.GetValueOrDefault(kind) + count;
        }

        return counts.ToImmutable();
    }
}
