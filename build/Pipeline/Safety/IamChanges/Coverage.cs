using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// Whether one grant allows (or denies) at least everything another does. It answers "yes" only when that
/// is certain, so a change it cannot prove covered counts as broadening: a false alarm asks a reviewer to
/// look, a false "covered" would let a broadening through.
/// </summary>
internal static partial class Coverage
{
    private const string Anyone = "AWS\u001f*";

    /// <summary><paramref name="wider"/> applies wherever <paramref name="narrower"/> does.</summary>
    public static bool Covers(Grant wider, Grant narrower, bool ignoreConditions = false) =>
        wider.Effect == narrower.Effect
        && CoversPrincipal(wider.Who, narrower.Who)
        && CoversPattern(wider.What, narrower.What)
        && CoversPattern(wider.On, narrower.On)
        && (ignoreConditions || wider.Conditions.IsSubsetOf(narrower.Conditions));

    public static bool CoversPrincipal(Term wider, Term narrower)
    {
        if (wider.Kind == TermKind.Value && wider.Key == Anyone)
            return true;
        if (Common(wider, narrower) is { } decided)
            return decided;
        var account = AccountRootPattern().Match(wider.Key);
        if (!account.Success)
            return false;
        // An account's root trusts every IAM user and role of that account (and their sessions).
        var inAccount = AccountPrincipalPattern().Match(narrower.Key);
        return inAccount.Success
               && inAccount.Groups["partition"].Value == account.Groups["partition"].Value
               && inAccount.Groups["account"].Value == account.Groups["account"].Value;
    }

    /// <summary>Action and resource patterns, where <c>*</c> and <c>?</c> are wildcards (keys of actions are lower case).</summary>
    public static bool CoversPattern(Term wider, Term narrower)
    {
        if (wider.Kind == TermKind.Value && wider.Key == "*")
            return true;
        return Common(wider, narrower) ?? Glob(wider.Key, narrower.Key);
    }

    /// <summary>The cases that do not depend on the dimension; null when only the values can tell.</summary>
    private static bool? Common(Term wider, Term narrower)
    {
        if (wider.IsUnknown || narrower.IsUnknown)
            return false;
        if (wider.Equals(narrower))
            return true;
        if (wider.Kind == TermKind.Not && narrower.Kind == TermKind.Not)
        {
            // Excluding fewer values allows more.
            return wider.Members.All(member => narrower.Members.Contains(member, StringComparer.Ordinal));
        }

        return wider.Kind == TermKind.Value && narrower.Kind == TermKind.Value ? null : false;
    }

    /// <summary>
    /// Every string <paramref name="text"/> matches is matched by <paramref name="pattern"/>: a <c>*</c> in the
    /// pattern takes any run of the text (wildcards included), a <c>?</c> any one character but <c>*</c>, and
    /// a literal only itself (never a wildcard of the text).
    /// </summary>
    internal static bool Glob(string pattern, string text)
    {
        // matches[i, j]: pattern[i..] covers text[j..].
        var matches = new bool[pattern.Length + 1, text.Length + 1];
        matches[pattern.Length, text.Length] = true;
        for (var i = pattern.Length - 1; i >= 0; i--)
        {
            for (var j = text.Length; j >= 0; j--)
            {
                matches[i, j] = pattern[i] switch
                {
                    '*' => matches[i + 1, j] || (j < text.Length && matches[i, j + 1]),
                    '?' => j < text.Length && text[j] != '*' && matches[i + 1, j + 1],
                    var literal => j < text.Length && text[j] == literal && matches[i + 1, j + 1],
                };
            }
        }

        return matches[0, 0];
    }

    [GeneratedRegex(@"^AWS\u001farn:(?<partition>[a-z-]+):iam::(?<account>[0-9]{12}):root\z")]
    private static partial Regex AccountRootPattern();

    [GeneratedRegex(@"^AWS\u001farn:(?<partition>[a-z-]+):(?:iam|sts)::(?<account>[0-9]{12}):")]
    private static partial Regex AccountPrincipalPattern();
}
