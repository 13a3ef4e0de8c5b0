using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// The <c>review:</c> section of the declaration: the label that asks for a pull request's review stack, how long
/// one may go without an update before the sweep destroys it, and the two environments all review stacks share.
/// </summary>
/// <param name="Label">The pull request label that deploys a review stack; removing it destroys the stack.</param>
/// <param name="TimeToLive">The sweep destroys a review stack not updated for longer than this.</param>
/// <param name="PrivilegedEnvironment">create-role's update and destroy of every review stack.</param>
/// <param name="UnprivilegedEnvironment">
/// assume-role of every review stack, which reads create-role's outputs from the review stacks' own state backend: no
/// hand-off secrets, and no token that writes secrets, in either review environment.
/// </param>
public sealed record ReviewStacksDeclaration(string Label, TimeSpan TimeToLive, string PrivilegedEnvironment, string UnprivilegedEnvironment)
{
    public const string DefaultLabel = "review-stack";
    public const int DefaultTimeToLiveDays = 3;
    public const int MaxTimeToLiveDays = 90;
    public const int MaxLabelLength = 50;

    /// <summary><c>reviewers:</c> who approve every review stack's jobs, in both review environments; what <c>SetUp</c> makes their required reviewers.</summary>
    public IReadOnlyList<GitHubReviewer> Reviewers { get; init; } = [];

    /// <summary><c>accept-risk:</c> the protections the review environments go without, each with the reason every run prints.</summary>
    public IReadOnlyList<AcceptedRisk> AcceptedRisks { get; init; } = [];

    /// <summary>The time to live a sweep uses: <paramref name="days"/> (--review-time-to-live) when given, checked, else the declared one.</summary>
    public TimeSpan TimeToLiveOr(int? days) => days switch
    {
        null => TimeToLive,
        >= 1 and <= MaxTimeToLiveDays => TimeSpan.FromDays(days.Value),
        _ => throw new InvalidInputException(new InputError("review time to live (--review-time-to-live)", $"{days}",
            $"a whole number of days from 1 to {MaxTimeToLiveDays}")),
    };
}
