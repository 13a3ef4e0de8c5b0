using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// One value of one dimension of a grant (who, what, on what). Equal when <see cref="Kind"/> and the
/// normalised <see cref="Key"/> are (actions compare case-insensitively, a bare account id equals its
/// <c>:root</c> ARN); <see cref="Text"/> is how it was first written and is what a reviewer sees.
/// </summary>
/// <param name="Members">For <see cref="TermKind.Not"/>: the keys of the excluded values, sorted.</param>
internal sealed record Term(TermKind Kind, string Text, string Key, ImmutableArray<string> Members)
{
    /// <summary>Separates the members of a <see cref="TermKind.Not"/> key; no policy value contains it.</summary>
    public const char Separator = '\u001f';

    public static Term None { get; } = new(TermKind.None, "—", string.Empty, []);

    public static Term Unknown { get; } = new(TermKind.Unknown, IamValue.UnknownText, string.Empty, []);

    public static Term Secret { get; } = new(TermKind.Secret, IamValue.SecretText, string.Empty, []);

    public static Term Of(string text, string key) => new(TermKind.Value, text, key, []);

    public static Term Not(string dimension, IReadOnlyCollection<Term> excluded)
    {
        if (excluded.Any(t => t.Kind is TermKind.Unknown or TermKind.Secret))
            return Unknown;
        var members = excluded.Select(t => t.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var text = $"any {dimension} except " + string.Join(", ", excluded.Select(t => t.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new(TermKind.Not, text, string.Join(Separator, members), members);
    }

    public bool IsUnknown => Kind is TermKind.Unknown or TermKind.Secret;

    public IamValue ToValue() => Kind switch
    {
        TermKind.Unknown => IamValue.Unknown,
        TermKind.Secret => IamValue.Secret,
        _ => IamValue.Known(Text),
    };

    public bool Equals(Term? other) =>
        other is not null && Kind == other.Kind && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Key));
}
