using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>
/// Holds one environment, as GitHub answers for it, to its posture rule (<see cref="PostureRules"/>): the one
/// implementation <c>CheckEnvironments</c> (every stage run), <c>CheckSetUp</c> and <c>SetUp</c> share.
/// </summary>
public static class PostureCheck
{
    private const string SetUpHint = "run ./build.sh SetUp";

    /// <param name="observed">null: the environment does not exist.</param>
    /// <param name="defaultBranch">The repository's default branch, the only one a deploy environment may admit.</param>
    /// <returns>One finding per rule it breaks; empty when it is protected as required.</returns>
    public static IReadOnlyList<PostureFinding> Check(PostureTarget target, ObservedEnvironment? observed, string defaultBranch)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(defaultBranch);
        if (observed is null)
        {
            return [new(target.Environment, PostureRules.EnvironmentExists, $"does not exist ({target.Owner}'s {Words(target.Role)} environment)",
                $"{SetUpHint}, or create it under Settings → Environments with {target.Requirement.Describe()} " +
                "(a job naming a missing environment would create it, without any protection)")];
        }

        var findings = new List<PostureFinding>();
        if (target.Requirement.Branches == BranchRule.DefaultBranchOnly && BranchProblem(observed, defaultBranch) is { } branches)
        {
            findings.Add(new(target.Environment, PostureRules.DeploymentBranches, branches,
                $"{SetUpHint} (narrowing needs no --force), or under Settings → Environments → {target.Environment} choose \"Selected branches and tags\" " +
                $"with the one branch rule '{defaultBranch}'"));
        }

        if (target.Requirement.RequiresReviewers)
            findings.AddRange(ReviewerProblems(target, observed));
        return findings;
    }

    /// <summary>Why the environment admits more (or other) than exactly the default branch; null when it admits exactly that.</summary>
    public static string? BranchProblem(ObservedEnvironment observed, string defaultBranch)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return observed.BranchPolicy switch
        {
            null => "open to every branch (no deployment branch rule), so any branch's code gets its credentials",
            { ProtectedBranches: true } => "deployment branches are \"protected branches\", which admits every protected branch, not only the default branch " +
                                           $"'{defaultBranch}'",
            { CustomBranchPolicies: false } => "no deployment branch rule in force",
            _ when observed.BranchPolicies is [{ Type: BranchPolicy.BranchType } only] && only.Name == defaultBranch => null,
            _ when observed.BranchPolicies.Count == 0 => $"custom deployment branch rules with no rule, which admits no branch, not the default branch '{defaultBranch}'",
            _ => $"deployment branch rules {string.Join(", ", observed.BranchPolicies)} instead of exactly the branch '{defaultBranch}'" +
                 (observed.BranchPolicies.Any(p => p.Type != BranchPolicy.BranchType || p.Name != defaultBranch) ? ", which admits more" : ""),
        };
    }

    private static IEnumerable<PostureFinding> ReviewerProblems(PostureTarget target, ObservedEnvironment observed)
    {
        var why = target.Requirement.Why;
        if (observed.Reviewers is not { Reviewers.Count: > 0 } rule)
        {
            var timer = observed.WaitTimer is > 0 ? $"; its wait timer of {observed.WaitTimer} minutes is not a reviewer" : "";
            var remedy = $"add reviewers: to {target.DeclarationKey} in {StackDeclaration.RelativePath} and {SetUpHint}, or add required reviewers under " +
                         $"Settings → Environments → {target.Environment} (where your plan offers none: accept-risk: {{{AcceptedRisk.RequiredReviewers}: <reason>}})";
            yield return new(target.Environment, PostureRules.RequiredReviewers, $"no required reviewers ({why}){timer}", remedy,
                target.Accepted(AcceptedRisk.RequiredReviewers));
            yield break;
        }

        if (!rule.PreventSelfReview)
        {
            yield return new(target.Environment, PostureRules.PreventSelfReview,
                $"required reviewers may approve their own runs (prevent self-review is off; {why})",
                $"{SetUpHint}, or tick \"Prevent self-review\" under Settings → Environments → {target.Environment}");
        }
    }

    private static string Words(EnvironmentRole role) => role switch
    {
        EnvironmentRole.Privileged => "privileged",
        EnvironmentRole.Unprivileged => "unprivileged",
        EnvironmentRole.Preview => "preview",
        EnvironmentRole.ReviewPrivileged => "privileged",
        _ => "unprivileged",
    };
}
