using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// A statement's conditions, order-insensitive: equal when they hold the same operator, key (IAM condition
/// keys are case-insensitive) and set of values.
/// </summary>
internal sealed record ConditionSet(ImmutableArray<IamCondition> Entries, ImmutableArray<string> EntryKeys)
{
    public static ConditionSet Empty { get; } = new([], []);

    public static ConditionSet Of(IEnumerable<IamCondition> conditions)
    {
        var entries = conditions
            .Select(c => (Condition: c, Key: EntryKey(c)))
            .DistinctBy(e => e.Key, StringComparer.Ordinal)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        return new([.. entries.Select(e => e.Condition)], [.. entries.Select(e => e.Key)]);
    }

    public bool HasUnknown => Entries.Any(e => e.Values.Any(v => v.IsUnknown));

    /// <summary>
    /// Every condition of this set is also in <paramref name="other"/>: a grant under <paramref name="other"/>
    /// applies in no more cases than one under this set. An unknown value of this set matches nothing; one of
    /// <paramref name="other"/> only fails to match (an extra condition, even unknown, never widens).
    /// </summary>
    public bool IsSubsetOf(ConditionSet other) =>
        !HasUnknown && EntryKeys.All(key => other.EntryKeys.Contains(key, StringComparer.Ordinal));

    public bool Equals(ConditionSet? other) => other is not null && EntryKeys.SequenceEqual(other.EntryKeys, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var key in EntryKeys)
            hash.Add(key, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    private static string EntryKey(IamCondition condition)
    {
        var values = condition.Values
            .Select(v => v.IsUnknown ? "\u0000" + v.Text : v.Text)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return string.Join(Term.Separator, [condition.Operator, condition.Key.ToLowerInvariant(), .. values]);
    }
}
