using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// Collects drift from the engine events of a refresh (fed by name, so no Pulumi types are needed
/// here). A refresh step comes in two shapes, depending on the event and the CLI version: its own
/// operation, <c>Refresh</c>, with the differing properties in its diff (and no new state when the
/// resource is gone), or the step's result as the operation, <c>Update</c> or <c>Delete</c>. Both are
/// read; a resource reported more than once is one finding. Only names are kept, never values.
/// Events arrive on another thread than the one that reads the result.
/// </summary>
public sealed class DriftCollector
{
    private const string StackType = "pulumi:pulumi:Stack";
    private const string ProviderTypePrefix = "pulumi:providers:";

    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, DriftedResource> _byUrn = [];
    private int _summaryDrifted;

    /// <param name="operation">The step's <c>OperationType</c> name: <c>Refresh</c>, <c>Update</c>, <c>Delete</c>, <c>Same</c>, ...</param>
    /// <param name="urn">The resource URN; its last <c>::</c> segment is the logical name.</param>
    /// <param name="type">The resource's type token.</param>
    /// <param name="diffs">Names of the top-level properties that differ (the event's <c>Diffs</c>).</param>
    /// <param name="detailedDiff">Paths of the properties that differ (the keys of the event's <c>DetailedDiff</c>).</param>
    /// <param name="gone">
    /// True for a step's outcome (an outputs event) that carries no new state: the refresh found the
    /// resource deleted.
    /// </param>
    public void Add(string operation, string urn, string type, IEnumerable<string>? diffs, IEnumerable<string>? detailedDiff, bool gone = false)
    {
        ArgumentNullException.ThrowIfNull(urn);
        ArgumentNullException.ThrowIfNull(type);
        if (type == StackType || type.StartsWith(ProviderTypePrefix, StringComparison.Ordinal))
            return; // the stack and providers hold no cloud state of their own

        // The detailed diff names nested paths (tags.Owner); Diffs only the top level. Prefer the precise one.
        var paths = (detailedDiff ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        var properties = paths.Count > 0 ? paths : (diffs ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        DriftKind? kind = operation switch
        {
            "Delete" => DriftKind.DeletedOutOfBand,
            "Refresh" when gone => DriftKind.DeletedOutOfBand,
            "Update" => DriftKind.ChangedOutOfBand,
            "Refresh" when properties.Count > 0 => DriftKind.ChangedOutOfBand,
            _ => null,
        };
        if (kind is not { } found)
            return;
        if (found == DriftKind.DeletedOutOfBand)
            properties = []; // nothing is left to compare

        var name = ResourceUrn.NameOf(urn) ?? urn;
        lock (_lock)
        {
            if (!_byUrn.TryGetValue(urn, out var existing))
            {
                _order.Add(urn);
                _byUrn[urn] = new DriftedResource(type, name, found, Sorted(properties));
                return;
            }

            // A deletion outweighs a change; two reports of a change keep the property names of both.
            _byUrn[urn] = existing.Kind == DriftKind.DeletedOutOfBand || found == DriftKind.DeletedOutOfBand
                ? existing with { Kind = DriftKind.DeletedOutOfBand, Properties = [] }
                : existing with { Properties = Sorted(existing.Properties.Concat(properties)) };
        }
    }

    /// <summary>The engine's summary (<c>SummaryEvent.ResourceChanges</c>, keys are <c>OperationType</c> names).</summary>
    public void AddSummary<TOperation>(IEnumerable<KeyValuePair<TOperation, int>>? resourceChanges)
        where TOperation : notnull
    {
        var drifted = (resourceChanges ?? [])
            .Where(c => c.Key.ToString() is "Update" or "Delete")
            .Sum(c => c.Value);
        lock (_lock)
            _summaryDrifted = Math.Max(_summaryDrifted, drifted);
    }

    public DriftFindings ToFindings()
    {
        lock (_lock)
        {
            var resources = _order.Select(urn => _byUrn[urn]).ToImmutableArray();
            return new DriftFindings(resources, Math.Max(0, _summaryDrifted - resources.Length));
        }
    }

    private static ImmutableArray<string> Sorted(IEnumerable<string> properties) =>
        [.. properties.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
