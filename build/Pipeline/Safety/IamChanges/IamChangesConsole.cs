using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// The IAM changes as plain console lines: one per declaration, then one per row. Plain text (no markup):
/// the caller escapes it for its console.
/// </summary>
public static class IamChangesConsole
{
    public static ImmutableArray<string> Lines(IReadOnlyCollection<IamResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
            return [];

        var lines = ImmutableArray.CreateBuilder<string>();
        lines.Add("IAM changes:");
        foreach (var change in changes.OrderByDescending(c => c.Broadening))
        {
            var marker = change.Broadening switch
            {
                IamBroadening.Yes => "BROADENS ACCESS",
                IamBroadening.Possibly => "MAY BROADEN ACCESS",
                _ => "does not broaden access",
            };
            var reasons = change.Reasons.IsDefaultOrEmpty ? string.Empty : ": " + string.Join("; ", change.Reasons);
            lines.Add($"  {change.TypeNoun} {change.Name} ({change.Subject}) {marker}{reasons}");
            foreach (var row in change.Rows)
                lines.Add("    " + Row(row));
        }

        return lines.ToImmutable();
    }

    private static string Row(IamChangeRow row)
    {
        var sign = row.Change == IamRowChange.Added ? "+" : "-";
        var flag = row.Broadening switch
        {
            IamBroadening.Yes => "! ",
            IamBroadening.Possibly => "? ",
            _ => string.Empty,
        };
        var effect = row.Effect is { } known ? known + " " : string.Empty;
        var line = $"{flag}{sign} {effect}who: {Values(row.Who)}  what: {Values(row.What)}";
        if (!row.On.IsDefaultOrEmpty)
            line += $"  on: {Values(row.On)}";
        if (!row.Conditions.IsDefaultOrEmpty)
            line += "  if: " + string.Join("; ", row.Conditions.Select(c => $"{c.Operator} {c.Key} {Values(c.Values)}"));
        return line;
    }

    private static string Values(ImmutableArray<IamValue> values) =>
        values.IsDefaultOrEmpty ? "—" : string.Join(", ", values.Select(v => v.Text));
}
