using System.Globalization;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Contracts.Stacks;

/// <summary>
/// A stack's name as given (<c>dev</c>, <c>org/dev</c>, <c>org/project/dev</c>) and its parts: a URN, an IAM name or a
/// review stack's number use only the last segment; the backend answers with the qualified or the plain name.
/// </summary>
public readonly partial record struct StackName(string Value)
{
    /// <summary>The name without its organisation (and project) qualifier.</summary>
    public string Short => Value[(Value.LastIndexOf('/') + 1)..];

    /// <summary>The organisation, for <c>org/stack</c> and <c>org/project/stack</c>; null for a plain name.</summary>
    public string? Organization => Value.Contains('/', StringComparison.Ordinal) ? Value[..Value.IndexOf('/', StringComparison.Ordinal)] : null;

    /// <summary>
    /// Whether a name the backend lists is this stack: the same name, or, for a plain name asked on Pulumi Cloud
    /// (which lists <c>org/name</c>), the same short name.
    /// </summary>
    public bool Matches(string listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        return listed == Value || (Organization is null && new StackName(listed).Short == Value);
    }

    /// <summary>The pull request number of a review stack (<c>pr-&lt;n&gt;</c>, the short name); null for any other stack.</summary>
    public long? ReviewNumber => ReviewName().Match(Short) is { Success: true } match
        ? long.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture)
        : null;

    public override string ToString() => Value;

    [GeneratedRegex(@"^pr-(?<number>[1-9][0-9]{0,9})\z")]
    private static partial Regex ReviewName();
}
