using System.Globalization;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// The review stack of one pull request: the stack <c>pr-&lt;number&gt;</c>, its IAM user and the suffix of its
/// hand-off secrets. Every name is derived here, so the build, the sweep and the workflows' rules agree.
/// </summary>
public sealed partial record ReviewStackName
{
    public const string Prefix = "pr-";

    private ReviewStackName(int pullRequest) => PullRequest = pullRequest;

    /// <summary>GitHub's number of the pull request: 1 or more.</summary>
    public int PullRequest { get; }

    /// <summary><c>pr-12</c>: the stack's name in both projects.</summary>
    public string Stack => Prefix + PullRequest.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>assume-role-pipeline-pr-12</c>: at most 21 + 3 + 10 = 34 characters for any number GitHub can give
    /// (an int), well within IAM's 64.
    /// </summary>
    public string UserName => SettingsResolver.UserNamePrefix + Stack;

    /// <summary>
    /// <c>_PR_12</c>, appended to each hand-off secret's name (<c>ASSUME_ROLE_ARN_PR_12</c>): the review stacks share
    /// one unprivileged environment, and the suffix keeps each one's secrets apart.
    /// </summary>
    public string HandOffSuffix => "_PR_" + PullRequest.ToString(CultureInfo.InvariantCulture);

    /// <exception cref="InvalidInputException">The number is not a pull request's (0 or less).</exception>
    public static ReviewStackName For(int pullRequest) =>
        pullRequest > 0
            ? new ReviewStackName(pullRequest)
            : throw new InvalidInputException(new InputError("pull request number", pullRequest.ToString(CultureInfo.InvariantCulture),
                "a whole number from 1"));

    /// <summary>
    /// The review stack <paramref name="stack"/> names (<c>pr-12</c>, also qualified as <c>org/pr-12</c>); null for any
    /// other stack. Only the canonical spelling counts: <c>pr-012</c> or <c>PR-12</c> is not a review stack, so no two
    /// spellings can share one pull request's hand-off.
    /// </summary>
    public static ReviewStackName? Parse(string? stack)
    {
        if (string.IsNullOrEmpty(stack))
            return null;
        var match = Pattern().Match(stack.Split('/')[^1]);
        return match.Success && int.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new ReviewStackName(number)
            : null;
    }

    /// <summary>True for a name of the review stacks' form, canonical or not (<c>pr-</c> and anything), which only <see cref="Parse"/> may accept.</summary>
    public static bool LooksLikeReviewStack(string? stack) =>
        stack is not null && stack.Split('/')[^1].StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Stack;

    [GeneratedRegex(@"^pr-(?<number>[1-9][0-9]{0,9})\z")]
    private static partial Regex Pattern();
}
