namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// One protection an environment goes without, accepted in <c>deploy/stacks.yml</c> (<c>accept-risk:</c>) with its reason.
/// Only a protection GitHub may not offer on every plan can be accepted; the check then warns, with the reason, on every run.
/// </summary>
/// <param name="Rule">The posture rule's id, one of <see cref="AcceptableRules"/>.</param>
/// <param name="Reason">Why, in the user's words: printed with every warning.</param>
public sealed record AcceptedRisk(string Rule, string Reason)
{
    /// <summary>Required reviewers (and so self-review prevention): GitHub offers them on private repositories only on some plans.</summary>
    public const string RequiredReviewers = "required-reviewers";

    /// <summary>The rules a risk may be accepted for; every other rule is always enforced.</summary>
    public static readonly IReadOnlyList<string> AcceptableRules = [RequiredReviewers];
}
