using System.Globalization;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// The review stack of one pull request: the stack <c>pr-&lt;number&gt;</c> and its IAM user. Every name is derived here, so the build, the sweep and the workflows' rules agree.
/// </summary>
public sealed partial record ReviewStackName
{
    public const string Prefix = "pr-";

    /// <summary>The longest Pulumi Cloud organisation name taken (GitHub's logins, which Pulumi Cloud's mirror, stop at 39).</summary>
    public const int MaxOrganisationLength = 40;

    private ReviewStackName(int pullRequest, string? organisation)
    {
        PullRequest = pullRequest;
        Organisation = organisation;
    }

    /// <summary>GitHub's number of the pull request: 1 or more.</summary>
    public int PullRequest { get; }

    /// <summary>
    /// The Pulumi Cloud organisation the name was qualified with (<c>octo-org</c> of <c>octo-org/pr-12</c>); null for a
    /// plain name. Part of the stack's identity: two organisations' <c>pr-12</c> are two stacks.
    /// </summary>
    public string? Organisation { get; }

    /// <summary><c>pr-12</c>: the stack's name in both projects, without its organisation; what the IAM names derive from.</summary>
    public string Stack => Prefix + PullRequest.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>octo-org/pr-12</c>, or <c>pr-12</c> when not qualified: the name to select, destroy or remove the stack by, so that
    /// each step acts on the one stack that was listed.
    /// </summary>
    public string QualifiedStack => Organisation is null ? Stack : $"{Organisation}/{Stack}";

    /// <summary>
    /// <c>assume-role-pipeline-pr-12</c>: at most 21 + 3 + 10 = 34 characters for any number GitHub can give
    /// (an int), well within IAM's 64.
    /// </summary>
    public string UserName => SettingsResolver.UserNamePrefix + Stack;

    /// <exception cref="InvalidInputException">The number is not a pull request's (0 or less).</exception>
    public static ReviewStackName For(int pullRequest) =>
        pullRequest > 0
            ? new ReviewStackName(pullRequest, organisation: null)
            : throw new InvalidInputException(new InputError("pull request number", pullRequest.ToString(CultureInfo.InvariantCulture),
                "a whole number from 1"));

    /// <summary>
    /// The review stack <paramref name="stack"/> names: <c>pr-12</c>, or <c>org/pr-12</c> with a valid organisation name
    /// (1 to 40 letters, digits, -, _ and ., starting with a letter or digit, no <c>..</c>); null for any other stack.
    /// Only the canonical spelling counts: <c>pr-012</c>, <c>PR-12</c>, <c>../pr-12</c> or <c>a/b/pr-12</c> is not a
    /// review stack, so no second spelling can take one pull request's IAM names.
    /// </summary>
    public static ReviewStackName? Parse(string? stack)
    {
        if (string.IsNullOrEmpty(stack))
            return null;
        // The pr-<number> rule is StackName's (Contracts), which the stacks use for the review bucket's name too.
        var match = Pattern().Match(stack);
        if (!match.Success || new StackName(match.Groups["short"].Value).ReviewNumber is not { } number || number > int.MaxValue)
            return null;
        var organisation = match.Groups["org"] is { Success: true } org ? org.Value : null;
        return organisation?.Contains("..", StringComparison.Ordinal) == true ? null : new ReviewStackName((int)number, organisation);
    }

    /// <summary>True for a name of the review stacks' form, canonical or not (<c>pr-</c> and anything), which only <see cref="Parse"/> may accept.</summary>
    public static bool LooksLikeReviewStack(string? stack) =>
        stack is not null && new StackName(stack).Short.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => QualifiedStack;

    [GeneratedRegex(@"^(?:(?<org>[A-Za-z0-9][A-Za-z0-9._-]{0,39})/)?(?<short>[^/]+)\z")]
    private static partial Regex Pattern();
}
