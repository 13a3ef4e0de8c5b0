using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// One required reviewer of a GitHub environment as <c>deploy/stacks.yml</c> names it: a user's login (<c>octocat</c>) or an
/// organisation's team (<c>octo-org/platform</c>). GitHub takes reviewers by id; the set-up looks each one up by this name.
/// </summary>
/// <param name="Organisation">The team's organisation; null for a user.</param>
/// <param name="Name">The user's login, or the team's slug.</param>
public sealed partial record GitHubReviewer(string? Organisation, string Name)
{
    /// <summary>What a reviewer may be, in words, for the messages.</summary>
    public const string Rule = "a GitHub login (1 to 39 letters, digits and single hyphens, not starting or ending with one) " +
                               "or an organisation's team as <organisation>/<team-slug>";

    public bool IsTeam => Organisation is not null;

    /// <summary>The reviewer as written in <c>deploy/stacks.yml</c>.</summary>
    public override string ToString() => Organisation is null ? Name : $"{Organisation}/{Name}";

    /// <summary>The reviewer <paramref name="value"/> names; null when it breaks <see cref="Rule"/>.</summary>
    public static GitHubReviewer? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return LoginPattern().IsMatch(value) ? new GitHubReviewer(null, value) : null;
        var organisation = value[..slash];
        var team = value[(slash + 1)..];
        return LoginPattern().IsMatch(organisation) && TeamSlugPattern().IsMatch(team) ? new GitHubReviewer(organisation, team) : null;
    }

    /// <exception cref="InvalidInputException"><paramref name="value"/> is no reviewer.</exception>
    public static GitHubReviewer Require(string? value, string input) =>
        Parse(value) ?? throw new InvalidInputException(new InputError(input, value, Rule));

    // GitHub's login rule: letters, digits and single hyphens, at most 39, no hyphen first or last.
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\z")]
    private static partial Regex LoginPattern();

    // A team's slug: its name lowercased, spaces and punctuation turned into hyphens.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}\z")]
    private static partial Regex TeamSlugPattern();
}
