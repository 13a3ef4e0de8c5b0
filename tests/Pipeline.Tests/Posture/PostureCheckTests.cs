using AssumeRolePipeline.Pipeline.Safety.Posture;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Posture;

/// <summary>The posture rules, one implementation for SetUp, CheckSetUp and every stage run's check (issue 18).</summary>
public sealed class PostureCheckTests
{
    private static readonly ObservedEnvironment DefaultBranchOnly =
        new("env", DeploymentBranchPolicy.Custom, [new BranchPolicy(1, "main", BranchPolicy.BranchType)], null, null);

    private static readonly ReviewersRule Reviewed = new([new ObservedReviewer(ObservedReviewer.UserType, 1, "octocat")], PreventSelfReview: true);

    private static PostureTarget Target(EnvironmentRole role, bool promoted = false, params AcceptedRisk[] accepted) =>
        new("env", PostureRules.For(role, promoted), "stack prod", "stack prod", "prod", [], accepted);

    private static IReadOnlyList<string> Rules(PostureTarget target, ObservedEnvironment? observed) =>
        [.. PostureCheck.Check(target, observed, "main").Select(f => f.Rule)];

    [Theory]
    [InlineData(EnvironmentRole.Privileged, false, false, false)]
    [InlineData(EnvironmentRole.Privileged, true, false, true)]
    [InlineData(EnvironmentRole.Unprivileged, false, false, false)]
    [InlineData(EnvironmentRole.Preview, false, true, false)]
    [InlineData(EnvironmentRole.ReviewPrivileged, false, true, true)]
    [InlineData(EnvironmentRole.ReviewUnprivileged, false, true, true)]
    public void Each_role_has_its_branch_rule_and_needs_reviewers_where_the_design_does(EnvironmentRole role, bool promoted, bool anyBranch, bool reviewers)
    {
        var requirement = PostureRules.For(role, promoted);

        Assert.Equal((anyBranch ? BranchRule.AnyBranch : BranchRule.DefaultBranchOnly, reviewers), (requirement.Branches, requirement.RequiresReviewers));
    }

    [Fact]
    public void Exactly_the_default_branch_as_a_branch_rule_passes() => Assert.Empty(Rules(Target(EnvironmentRole.Unprivileged), DefaultBranchOnly));

    public static TheoryData<string, ObservedEnvironment> Wider => new()
    {
        { "no policy: every branch", DefaultBranchOnly with { BranchPolicy = null, BranchPolicies = [] } },
        { "protected branches", DefaultBranchOnly with { BranchPolicy = new DeploymentBranchPolicy(true, false), BranchPolicies = [] } },
        { "a tag rule", DefaultBranchOnly with { BranchPolicies = [new BranchPolicy(1, "main", BranchPolicy.TagType)] } },
        { "another pattern too", DefaultBranchOnly with { BranchPolicies = [.. DefaultBranchOnly.BranchPolicies, new BranchPolicy(2, "*", BranchPolicy.BranchType)] } },
        { "another branch", DefaultBranchOnly with { BranchPolicies = [new BranchPolicy(1, "develop", BranchPolicy.BranchType)] } },
    };

    [Theory]
    [MemberData(nameof(Wider))]
    public void Anything_but_exactly_the_default_branch_is_a_branch_defect_of_a_deploy_environment(string what, ObservedEnvironment observed)
    {
        Assert.True(Rules(Target(EnvironmentRole.Privileged), observed) is [PostureRules.DeploymentBranches], what);
        Assert.Empty(Rules(Target(EnvironmentRole.Preview), observed));
    }

    [Fact]
    public void A_missing_environment_is_one_finding_naming_what_to_create()
    {
        var finding = Assert.Single(PostureCheck.Check(Target(EnvironmentRole.Preview), null, "main"));

        Assert.True(finding.IsMissing);
        Assert.StartsWith("env: does not exist (stack prod's preview environment); run ./build.sh SetUp, or create it under Settings → Environments with deployments " +
                          "from any branch", finding.Line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_timer_is_not_a_reviewer_and_self_review_must_be_prevented()
    {
        var target = Target(EnvironmentRole.Privileged, promoted: true);

        Assert.Equal([PostureRules.RequiredReviewers], Rules(target, DefaultBranchOnly with { WaitTimer = 30 }));
        Assert.Equal([PostureRules.RequiredReviewers], Rules(target, DefaultBranchOnly with { Reviewers = Reviewed with { Reviewers = [] } }));
        Assert.Equal([PostureRules.PreventSelfReview], Rules(target, DefaultBranchOnly with { Reviewers = Reviewed with { PreventSelfReview = false } }));
        Assert.Empty(Rules(target, DefaultBranchOnly with { Reviewers = Reviewed }));
    }

    [Fact]
    public void An_accepted_risk_turns_that_one_defect_into_a_warning_with_its_reason()
    {
        var target = Target(EnvironmentRole.ReviewPrivileged, accepted: new AcceptedRisk(AcceptedRisk.RequiredReviewers, "Free plan"));

        var finding = Assert.Single(PostureCheck.Check(target, DefaultBranchOnly with { BranchPolicy = null }, "main"));

        Assert.False(finding.IsDefect);
        Assert.Equal("env: no required reviewers (its jobs run unmerged code with AWS credentials), a risk accepted in deploy/stacks.yml " +
                     "(accept-risk: required-reviewers): Free plan", finding.Line);
    }
}
