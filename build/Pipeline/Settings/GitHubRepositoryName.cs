using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>A GitHub repository as <c>OWNER/REPO</c>, checked before it becomes two segments of a REST path.</summary>
public sealed partial record GitHubRepositoryName(string Owner, string Name)
{
    public const string Rule = "OWNER/REPO: the owner 1 to 39 letters, digits and hyphens (not starting with one), the name 1 to 100 letters, " +
                               "digits, '.', '-' and '_', and not '.' or '..'";

    public override string ToString() => $"{Owner}/{Name}";

    /// <exception cref="InvalidInputException"><paramref name="value"/> is no repository name.</exception>
    public static GitHubRepositoryName Parse(string? value, string input)
    {
        var match = value is null ? Match.Empty : Pattern().Match(value);
        if (!match.Success || match.Groups["name"].Value is "." or "..")
            throw new InvalidInputException(new InputError(input, value, Rule));
        return new GitHubRepositoryName(match.Groups["owner"].Value, match.Groups["name"].Value);
    }

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/(?<name>[A-Za-z0-9._-]{1,100})\z")]
    private static partial Regex Pattern();
}
