using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// Compares the old and new grants of one declaration: what is added and removed, whether that broadens
/// access and why, and rows that group the grants back into "who can do what on what".
/// </summary>
internal static class FacetDiff
{
    private const string MayBroaden = "a value is known only after the update";
    private const string SecretPolicy = "the policy is secret, so it cannot be compared";

    public static IamResourceChange? Compare(string name, string type, Facet facet)
    {
        var (old, @new) = (facet.Old, facet.New);
        if (old.Status == FacetStatus.Absent && @new.Status == FacetStatus.Absent)
            return null;

        if (old.Status is FacetStatus.Unknown or FacetStatus.Secret || @new.Status is FacetStatus.Unknown or FacetStatus.Secret)
        {
            // Nothing about the content can be said: one row, never a guess.
            var secret = old.Status == FacetStatus.Secret || @new.Status == FacetStatus.Secret;
            var value = secret ? IamValue.Secret : IamValue.Unknown;
            var row = new IamChangeRow(
                @new.Status == FacetStatus.Absent ? IamRowChange.Removed : IamRowChange.Added,
                Effect: null, [value], [value], [value], [], IamBroadening.Possibly);
            return new(name, type, facet.Kind, facet.PolicyName, [row], IamBroadening.Possibly, [secret ? SecretPolicy : MayBroaden]);
        }

        var oldGrants = old.Grants.ToHashSet();
        var newGrants = @new.Grants.ToHashSet();
        var added = newGrants.Where(g => !oldGrants.Contains(g)).ToList();
        var removed = oldGrants.Where(g => !newGrants.Contains(g)).ToList();
        if (added.Count == 0 && removed.Count == 0)
            return null;

        var judged = new List<(IamRowChange Change, Grant Grant, IamBroadening Broadening, string? Reason)>();
        foreach (var grant in added)
        {
            var (broadening, reason) = JudgeAdded(facet.Kind, grant, oldGrants);
            judged.Add((IamRowChange.Added, grant, broadening, reason));
        }

        foreach (var grant in removed)
        {
            var (broadening, reason) = JudgeRemoved(grant, newGrants);
            judged.Add((IamRowChange.Removed, grant, broadening, reason));
        }

        var rows = judged
            .GroupBy(j => (j.Change, j.Grant.Effect, j.Grant.Conditions, j.Broadening))
            .SelectMany(group => Rows(group.Key.Change, group.Key.Effect, group.Key.Conditions, group.Key.Broadening, group.Select(j => j.Grant)))
            .OrderByDescending(row => row.Broadening)
            .ThenBy(row => row.Change)
            .ThenBy(row => row.Effect)
            .ThenBy(row => Sortable(row), StringComparer.Ordinal)
            .ToImmutableArray();
        var overall = judged.Select(j => j.Broadening).DefaultIfEmpty(IamBroadening.No).Max();
        var reasons = judged
            .Where(j => j.Reason is not null)
            .OrderByDescending(j => j.Broadening)
            .Select(j => j.Reason!)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        return new(name, type, facet.Kind, facet.PolicyName, rows, overall, reasons);
    }

    private static (IamBroadening, string?) JudgeAdded(IamPolicyKind kind, Grant grant, IReadOnlySet<Grant> oldGrants)
    {
        if (grant.Effect is null)
        {
            // Attachments, memberships and exclusive-list entries: every new one gives access.
            return grant.HasUnknown ? (IamBroadening.Possibly, MayBroaden) : (IamBroadening.Yes, Relation(kind, grant));
        }

        if (grant.Effect == IamEffect.Deny)
            return (IamBroadening.No, null);

        var oldAllows = oldGrants.Where(g => g.Effect == IamEffect.Allow).ToList();
        if (oldAllows.Any(old => Coverage.Covers(old, grant)))
            return (IamBroadening.No, null);
        if (grant.HasUnknown)
            return (IamBroadening.Possibly, MayBroaden);
        return (IamBroadening.Yes, WhyBroader(kind, grant, oldAllows));
    }

    private static (IamBroadening, string?) JudgeRemoved(Grant grant, IReadOnlySet<Grant> newGrants)
    {
        if (grant.Effect != IamEffect.Deny)
            return (IamBroadening.No, null);
        var newDenies = newGrants.Where(g => g.Effect == IamEffect.Deny).ToList();
        if (newDenies.Any(deny => Coverage.Covers(deny, grant)))
            return (IamBroadening.No, null);
        if (newDenies.Any(deny => deny.HasUnknown))
            return (IamBroadening.Possibly, MayBroaden);
        return newDenies.Any(deny => Coverage.Covers(deny, grant, ignoreConditions: true))
            ? (IamBroadening.Yes, $"adds a condition to the Deny of {grant.What.Text}")
            : (IamBroadening.Yes, $"removes the Deny of {grant.What.Text}");
    }

    private static string Relation(IamPolicyKind kind, Grant grant) => kind switch
    {
        IamPolicyKind.Attachment => $"attaches {grant.What.Text} to {grant.Who.Text}",
        IamPolicyKind.Membership => $"adds {grant.Who.Text} to {grant.What.Text}",
        _ => $"lets {grant.Who.Text} keep {grant.What.Text}",
    };

    private static string WhyBroader(IamPolicyKind kind, Grant grant, List<Grant> oldAllows)
    {
        var reasons = new List<string>();
        foreach (var term in new[] { grant.Who, grant.What, grant.On }.Where(t => t.Kind == TermKind.Not))
            reasons.Add($"allows {term.Text}");
        // An identity policy's principal is its holder, which is not a choice of the policy's text.
        if (kind != IamPolicyKind.Permissions && grant.Who.Kind == TermKind.Value && !oldAllows.Any(o => Coverage.CoversPrincipal(o.Who, grant.Who)))
            reasons.Add($"adds principal {grant.Who.Text}");
        if (grant.What.Kind == TermKind.Value && !oldAllows.Any(o => Coverage.CoversPattern(o.What, grant.What)))
            reasons.Add($"adds action {grant.What.Text}");
        if (grant.On.Kind == TermKind.Value && !oldAllows.Any(o => Coverage.CoversPattern(o.On, grant.On)))
            reasons.Add($"adds resource {grant.On.Text}");
        if (reasons.Count > 0)
            return string.Join(", ", reasons);
        if (oldAllows.Any(old => Coverage.Covers(old, grant, ignoreConditions: true)))
            return $"drops or loosens a condition on {grant.What.Text}";
        return grant.On.Kind == TermKind.None
            ? $"grants {grant.What.Text} to {grant.Who.Text}"
            : $"grants {grant.What.Text} on {grant.On.Text} to {grant.Who.Text}";
    }

    /// <summary>
    /// Groups grants that share everything but their principal, action or resource into one row each: first
    /// the actions with the same resources per principal, then the principals with the same actions and resources.
    /// </summary>
    private static IEnumerable<IamChangeRow> Rows(
        IamRowChange change, IamEffect? effect, ConditionSet conditions, IamBroadening broadening, IEnumerable<Grant> grants)
    {
        var perPrincipal = grants
            .GroupBy(g => g.Who)
            .SelectMany(byWho => byWho
                .GroupBy(g => g.What)
                .Select(byWhat => (Who: byWho.Key, What: byWhat.Key, On: Sorted(byWhat.Select(g => g.On))))
                .GroupBy(piece => Signature(piece.On))
                .Select(sameOn => (Who: byWho.Key, What: Sorted(sameOn.Select(p => p.What)), sameOn.First().On)));
        return perPrincipal
            .GroupBy(piece => Signature(piece.What) + "\u001e" + Signature(piece.On))
            .Select(same => new IamChangeRow(
                change,
                effect,
                [.. Sorted(same.Select(p => p.Who)).Select(t => t.ToValue())],
                [.. same.First().What.Select(t => t.ToValue())],
                [.. same.First().On.Where(t => t.Kind != TermKind.None).Select(t => t.ToValue())],
                conditions.Entries,
                broadening));
    }

    private static List<Term> Sorted(IEnumerable<Term> terms) =>
        terms.Distinct().OrderBy(t => t.Text, StringComparer.Ordinal).ToList();

    private static string Signature(List<Term> terms) =>
        string.Join("\u001e", terms.Select(t => $"{(int)t.Kind}{Term.Separator}{t.Key}"));

    private static string Sortable(IamChangeRow row) =>
        string.Join("\u001e", row.Who.Concat(row.What).Concat(row.On).Select(v => v.Text));
}
