using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Composition;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp;

/// <summary><c>./build.sh CheckSetUp</c>: one line per way the repository differs from what the threat model assumes (issue 18).</summary>
public sealed class CheckSetUpTests : IAsyncLifetime
{
    private SetUpHarness _harness = null!;

    private FakeGitHubRepository GitHub => _harness.GitHub;

    /// <summary>A repository as SetUp leaves it, with the secrets added by hand.</summary>
    public async Task InitializeAsync()
    {
        _harness = await SetUpHarness.StartAsync();
        await _harness.RunAsync(BuildCommand.SetUp);
        _harness.AddTheSecrets();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Task<int?> CheckSetUp() => _harness.RunAsync(BuildCommand.CheckSetUp, new BuildParameters());

    /// <summary>Runs CheckSetUp expecting it to fail; the console's text.</summary>
    private async Task<string> Differences(int count)
    {
        var failure = await Assert.ThrowsAsync<ExplainedFailure>(CheckSetUp);
        Assert.StartsWith($"CheckSetUp found {count} difference(s) from what the threat model assumes", failure.Message, StringComparison.Ordinal);
        return _harness.Console;
    }

    [Fact]
    public async Task A_repository_set_up_as_declared_passes_and_the_check_writes_nothing()
    {
        var writes = GitHub.Writes.Count;

        Assert.Null(await CheckSetUp());

        Assert.Contains("o/r is set up as the threat model assumes.", _harness.Console, StringComparison.Ordinal);
        Assert.Equal(writes, GitHub.Writes.Count);
        var roles = Assert.Single(_harness.Aws.TrustChecked);
        Assert.Equal(FakeAwsSetUp.RoleArn("aws-review-privileged"), roles["aws-review-privileged"]);
        Assert.Equal(5, roles.Count);
    }

    [Fact]
    public async Task With_its_own_AWS_half_and_no_region_given_CheckSetUp_checks_instead_of_asking_for_the_pipelines_region()
    {
        // A repository nothing was set up in yet, and no --region, AWS_REGION or backend: the check needs none of them (the roles'
        // trust is read with --region or the repository variable AWS_REGION, and there are no roles to read yet).
        await using var fresh = await SetUpHarness.StartAsync();

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => fresh.RunAsync(BuildCommand.CheckSetUp, new BuildParameters(), realAwsHalf: true));

        Assert.StartsWith("CheckSetUp found ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("error: aws-privileged: does not exist", fresh.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_advice_for_an_open_deploy_environment_is_one_SetUp_follows_as_given_without_force()
    {
        GitHub.Environments["aws-prod-unprivileged"].BranchPolicy = null;
        GitHub.Environments["aws-prod-unprivileged"].Policies.Clear();
        var console = await Differences(1);
        Assert.Contains("aws-prod-unprivileged: open to every branch (no deployment branch rule), so any branch's code gets its credentials; run " +
                        "./build.sh SetUp (narrowing needs no --force)", console, StringComparison.Ordinal);

        // The line said: run ./build.sh SetUp. Run as said, without --force: narrowing is not widening.
        Assert.Null(await _harness.RunAsync(BuildCommand.SetUp));

        Assert.Equal((false, true), GitHub.Environments["aws-prod-unprivileged"].BranchPolicy);
        Assert.Null(await CheckSetUp());
    }

    [Fact]
    public async Task A_deploy_environment_open_to_every_branch_is_a_difference()
    {
        GitHub.Environments["aws-prod-unprivileged"].BranchPolicy = null;

        var console = await Differences(1);

        Assert.Contains("error: aws-prod-unprivileged: open to every branch (no deployment branch rule), so any branch's code gets its credentials; run " +
                        "./build.sh SetUp (narrowing needs no --force), or under Settings → Environments → aws-prod-unprivileged choose \"Selected branches and tags\" " +
                        "with the one branch rule 'main'", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protected_branches_is_not_the_default_branch_only()
    {
        GitHub.Environments["aws-privileged"].BranchPolicy = (true, false);
        GitHub.Environments["aws-privileged"].Policies.Clear();

        var console = await Differences(1);

        Assert.Contains("aws-privileged: deployment branches are \"protected branches\", which admits every protected branch, not only the default branch 'main'",
            console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v*", "tag", "deployment branch rules branch 'main', tag 'v*' instead of exactly the branch 'main', which admits more")]
    [InlineData("release/*", "branch", "deployment branch rules branch 'main', branch 'release/*' instead of exactly the branch 'main', which admits more")]
    public async Task A_tag_rule_or_another_pattern_is_wider_than_the_default_branch(string name, string type, string problem)
    {
        GitHub.Environments["aws-unprivileged"].Policies.Add((99, name, type));

        var console = await Differences(1);

        Assert.Contains($"aws-unprivileged: {problem}", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_timer_is_not_a_reviewer()
    {
        var prod = GitHub.Environments["aws-prod-privileged"];
        prod.Reviewers.Clear();
        prod.WaitTimer = 30;

        var console = await Differences(1);

        Assert.Contains("aws-prod-privileged: no required reviewers (the approval gate of a promoted stack); its wait timer of 30 minutes is not a reviewer; add " +
                        "reviewers: to stack prod in deploy/stacks.yml and run ./build.sh SetUp", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviewers_who_may_approve_their_own_runs_are_a_difference()
    {
        GitHub.Environments["aws-review-unprivileged"].PreventSelfReview = false;

        var console = await Differences(1);

        Assert.Contains("aws-review-unprivileged: required reviewers may approve their own runs (prevent self-review is off; its jobs run unmerged code with AWS " +
                        "credentials)", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_risk_is_printed_with_its_reason_and_passes()
    {
        _harness.WriteDeclaration(SetUpHarness.Declaration.Replace("    reviewers: [octocat, octo-org/platform]\n",
            "    accept-risk:\n      required-reviewers: Free plan, private repository\n", StringComparison.Ordinal));
        GitHub.Environments["aws-prod-privileged"].Reviewers.Clear();

        Assert.Null(await CheckSetUp());

        Assert.Contains("warning: aws-prod-privileged: no required reviewers (the approval gate of a promoted stack), a risk accepted in deploy/stacks.yml " +
                        "(accept-risk: required-reviewers): Free plan, private repository", _harness.Console, StringComparison.Ordinal);
        Assert.Contains("with 1 accepted risk(s)", _harness.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_environments_variables_and_secrets_are_named()
    {
        GitHub.Environments.Remove("aws-prod-preview");
        GitHub.Environments["aws-preview"].Variables.Remove("AWS_PREVIEW_ROLE_ARN");
        GitHub.Environments["aws-prod-privileged"].Secrets.Remove("HANDOFF_TOKEN");
        GitHub.Environments["aws-unprivileged"].Secrets.Clear();
        GitHub.Variables.Remove("AWS_REGION");

        // Four, AWS_REGION in each of the seven environments left, and the roles' trust, which needs the region.
        var console = await Differences(4 + (SetUpHarness.AllEnvironments.Length - 1) + 1);

        Assert.Contains("aws-prod-preview: does not exist (stack prod's preview environment); run ./build.sh SetUp", console, StringComparison.Ordinal);
        Assert.Contains("aws-preview: missing variable AWS_PREVIEW_ROLE_ARN (the read-only role previews assume); run ./build.sh SetUp, or: gh variable set " +
                        "AWS_PREVIEW_ROLE_ARN --env aws-preview --repo o/r", console, StringComparison.Ordinal);
        Assert.Contains("aws-prod-privileged: missing secret HANDOFF_TOKEN", console, StringComparison.Ordinal);
        Assert.Contains("aws-unprivileged: missing secret PULUMI_ACCESS_TOKEN (Pulumi Cloud) or PULUMI_CONFIG_PASSPHRASE", console, StringComparison.Ordinal);
        Assert.Contains("aws-review-unprivileged: missing variable AWS_REGION (here or in the repository's variables)", console, StringComparison.Ordinal);
        Assert.Contains("AWS: the roles' trust cannot be checked: The AWS region (--region, or the repository variable AWS_REGION) is missing", console,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_stored_as_a_repository_secret_is_a_difference()
    {
        GitHub.Secrets.Add("PULUMI_ACCESS_TOKEN");
        GitHub.Secrets.Add("SLACK_WEBHOOK"); // not the pipeline's

        var console = await Differences(1);

        Assert.Contains("repository: the credential PULUMI_ACCESS_TOKEN is a repository secret, which every same-repository pull request's workflow can read",
            console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws-preview")]
    [InlineData("aws-review-privileged")]
    [InlineData("aws-review-unprivileged")]
    public async Task A_secrets_writing_token_where_unmerged_code_runs_is_a_difference(string environment)
    {
        GitHub.Environments[environment].Secrets.Add("HANDOFF_TOKEN");

        var console = await Differences(1);

        Assert.Contains($"{environment}: holds the secret HANDOFF_TOKEN, but its jobs run unmerged code", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_allowed_to_approve_pull_requests_is_a_difference()
    {
        GitHub.ActionsCanApprove = true;

        var console = await Differences(1);

        Assert.Contains("repository: GitHub Actions may approve pull requests", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_review_label_and_a_role_trusting_more_than_its_subject_are_differences()
    {
        GitHub.Labels.Clear();
        _harness.Aws.TrustProblems = ["arn:aws:iam::123456789012:role/github/aws-prod-privileged trusts repo:o/r:* (more than repo:o/r:environment:aws-prod-privileged)"];

        var console = await Differences(2);

        Assert.Contains("repository: the review label 'review-stack' does not exist", console, StringComparison.Ordinal);
        Assert.Contains("trusts repo:o/r:* (more than repo:o/r:environment:aws-prod-privileged)", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_repository_is_refused_before_any_request()
    {
        var before = GitHub.Server.Requests.Count;

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => _harness.RunAsync(BuildCommand.CheckSetUp, new BuildParameters { Repository = "o" }));

        Assert.StartsWith("The repository (--repository) 'o' is invalid: OWNER/REPO", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, GitHub.Server.Requests.Count);
    }
}
