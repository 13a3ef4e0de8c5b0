using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// From the steps of one stack's preview (or update), every IAM declaration that changes: what is granted
/// and no longer granted, and whether that broadens access. Steps of other resources are ignored.
/// </summary>
public static class IamChangeAnalyzer
{
    // Pulumi's OperationType names. Reads, refreshes and imports change no access; Same changes nothing.
    private static readonly ImmutableArray<string> Changing =
        ["Create", "Update", "Delete", "Replace", "CreateReplacement", "DeleteReplaced"];

    private static readonly ImmutableArray<string> Ignored =
        ["Same", "Read", "ReadReplacement", "Refresh", "ReadDiscard", "DiscardReplaced", "RemovePendingReplace", "Import", "ImportReplacement"];

    /// <returns>Changes that broaden access first, then those that may, then the rest; each in step order.</returns>
    /// <exception cref="FormatException">An operation name Pulumi does not have, or a policy that is not a policy document.</exception>
    public static ImmutableArray<IamResourceChange> Analyze(IEnumerable<IamStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var changes = new List<IamResourceChange>();
        // A replacement arrives as several steps of one URN (CreateReplacement, Replace, DeleteReplaced): one change.
        foreach (var resource in steps.Where(step => IsChanging(step.Operation)).GroupBy(step => step.Urn, StringComparer.Ordinal))
        {
            var first = resource.First();
            var name = ResourceUrn.NameOf(first.Urn) ?? first.Urn;
            var old = resource.Select(step => step.OldInputs).FirstOrDefault(inputs => inputs is not null);
            var deleted = resource.Any(step => step.Operation == "Delete");
            var @new = deleted ? null : resource.Select(step => step.NewInputs).LastOrDefault(inputs => inputs is not null);
            foreach (var facet in ResourceReader.Read(first.Type, name, old, @new))
            {
                if (FacetDiff.Compare(name, first.Type, facet) is { } change)
                    changes.Add(change);
            }
        }

        return [.. changes.OrderByDescending(change => change.Broadening)];
    }

    private static bool IsChanging(string operation)
    {
        if (Changing.Contains(operation, StringComparer.Ordinal))
            return true;
        return Ignored.Contains(operation, StringComparer.Ordinal)
            ? false
            : throw new FormatException(
                $"The step operation \"{operation}\" is not one of Pulumi's OperationType names ({string.Join(", ", Changing.Concat(Ignored))}).");
    }
}
