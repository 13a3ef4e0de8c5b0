using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// The <c>### IAM changes</c> section of a stack's PR comment and job summary: a line naming what broadens
/// access, then per declaration a marker and a compact table of who can (no longer) do what on what.
/// Only policy fields reach it (see <see cref="ResourceReader"/>); every value is inline code.
/// </summary>
public static partial class IamChangesMarkdown
{
    public const string Heading = "### IAM changes";

    /// <returns>The section, ending in a blank line; empty when nothing IAM changes.</returns>
    public static string Render(IReadOnlyCollection<IamResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
            return string.Empty;

        var ordered = changes.OrderByDescending(c => c.Broadening).ToList();
        var md = new StringBuilder(Heading).Append("\n\n");
        var broadening = ordered.Where(c => c.Broadening == IamBroadening.Yes).ToList();
        var possibly = ordered.Where(c => c.Broadening == IamBroadening.Possibly).ToList();
        if (broadening.Count > 0)
            md.Append("> ⚠️ **Broadens access:** ").AppendJoin(", ", broadening.Select(Title)).Append("\n\n");
        if (possibly.Count > 0)
            md.Append("> ❔ **May broaden access** (values known only after the update): ").AppendJoin(", ", possibly.Select(Title)).Append("\n\n");

        foreach (var change in ordered)
        {
            md.Append(Marker(change.Broadening)).Append(" · ").Append(Title(change));
            if (!change.Reasons.IsDefaultOrEmpty)
                md.Append(": ").AppendJoin("; ", change.Reasons.Select(Text));
            md.Append("\n\n");
            Table(md, change);
            md.Append('\n');
        }

        return md.ToString();
    }

    private static string Marker(IamBroadening broadening) => broadening switch
    {
        IamBroadening.Yes => "**⚠️ broadens access**",
        IamBroadening.Possibly => "**❔ may broaden access**",
        _ => "does not broaden access",
    };

    private static string Title(IamResourceChange change) =>
        $"{Text(change.TypeNoun)} {Code(change.Name)} ({Text(change.Subject)})";

    private static void Table(StringBuilder md, IamResourceChange change)
    {
        var isPolicy = change.Kind is IamPolicyKind.Trust or IamPolicyKind.Permissions or IamPolicyKind.BucketPolicy;
        var what = change.Kind switch
        {
            IamPolicyKind.Attachment => "attached policy",
            IamPolicyKind.Membership => "group",
            IamPolicyKind.ExclusiveList => "may keep",
            _ => "can do",
        };
        md.Append(isPolicy
            ? "| change | effect | who | can do | on | conditions |\n| --- | --- | --- | --- | --- | --- |\n"
            : $"| change | who | {what} |\n| --- | --- | --- |\n");
        foreach (var row in change.Rows)
        {
            var cells = new List<string> { ChangeCell(row) };
            if (isPolicy)
                cells.Add(row.Effect?.ToString() ?? "—");
            cells.Add(Values(row.Who));
            cells.Add(Values(row.What));
            if (isPolicy)
            {
                cells.Add(Values(row.On));
                cells.Add(row.Conditions.IsDefaultOrEmpty ? "—" : string.Join("; ", row.Conditions.Select(Condition)));
            }

            md.Append("| ").AppendJoin(" | ", cells.Select(Cell)).Append(" |\n");
        }
    }

    private static string ChangeCell(IamChangeRow row)
    {
        var change = row.Change == IamRowChange.Added ? "added" : "removed";
        return row.Broadening switch
        {
            IamBroadening.Yes => $"⚠️ **{change}**",
            IamBroadening.Possibly => $"❔ {change}",
            _ => change,
        };
    }

    private static string Condition(IamCondition condition) =>
        $"{Code($"{condition.Operator} {condition.Key}")}: {Values(condition.Values)}";

    private static string Values(ImmutableArray<IamValue> values) =>
        values.IsDefaultOrEmpty ? "—" : string.Join(", ", values.Select(Value));

    private static string Value(IamValue value) => value switch
    {
        { IsUnknown: false } => Code(value.Text),
        _ when value == IamValue.Secret => Text(value.Text),
        _ => $"*{Text(value.Text)}*",
    };

    /// <summary>Inline code that no backtick inside the value can end early.</summary>
    private static string Code(string value)
    {
        var flat = Flatten(value);
        var longestRun = BacktickRunPattern().Matches(flat).Select(m => m.Length).DefaultIfEmpty(0).Max();
        var ticks = new string('`', longestRun + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : string.Empty;
        return ticks + pad + flat + pad + ticks;
    }

    /// <summary>Plain text with its Markdown and HTML meaning taken away.</summary>
    private static string Text(string value) => PunctuationPattern().Replace(Flatten(value), @"\$0");

    // GitHub splits a table row at every unescaped pipe, even inside inline code; \| is kept as a pipe there too.
    private static string Cell(string value) => value.Replace("|", @"\|", StringComparison.Ordinal);

    private static string Flatten(string value) => LineBreakPattern().Replace(value, " ");

    [GeneratedRegex("`+")]
    private static partial Regex BacktickRunPattern();

    [GeneratedRegex(@"[\\`*_{}\[\]<>()#+!~&]")]
    private static partial Regex PunctuationPattern();

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex LineBreakPattern();
}
