using System.Text.Json.Nodes;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Composition;
using AssumeRolePipeline.Pipeline.Operations.SetUp;
using AssumeRolePipeline.Pipeline.Tests.GitHub;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp;

/// <summary><c>./build.sh SetUp</c>, the GitHub half, against a repository on the local GitHub server (issue 18).</summary>
public sealed class SetUpTests : IAsyncLifetime
{
    private SetUpHarness _harness = null!;

    private FakeGitHubRepository GitHub => _harness.GitHub;

    public async Task InitializeAsync() => _harness = await SetUpHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Task<int?> SetUp(bool dryRun = false, bool force = false, string? repository = null, string region = "eu-central-1", string? backend = null) =>
        _harness.RunAsync(BuildCommand.SetUp, new BuildParameters { DryRun = dryRun, Force = force, Repository = repository, Region = region, Backend = backend });

    [Fact]
    public async Task SetUp_creates_each_environment_with_its_branch_rule_reviewers_self_review_prevention_and_variables()
    {
        await SetUp(backend: "gs://state-bucket");

        Assert.Equal(SetUpHarness.AllEnvironments.Order(), GitHub.Environments.Keys.Order());
        foreach (var deploy in new[] { "aws-privileged", "aws-unprivileged", "aws-prod-privileged", "aws-prod-unprivileged" })
        {
            Assert.Equal((false, true), GitHub.Environments[deploy].BranchPolicy);
            Assert.Equal([(GitHub.Environments[deploy].Policies.Single().Id, "main", "branch")], GitHub.Environments[deploy].Policies);
        }

        foreach (var open in new[] { "aws-preview", "aws-prod-preview", "aws-review-privileged", "aws-review-unprivileged" })
            Assert.Null(GitHub.Environments[open].BranchPolicy);

        var prod = GitHub.Environments["aws-prod-privileged"];
        Assert.Equal([("User", 1L), ("Team", 42L)], prod.Reviewers);
        Assert.True(prod.PreventSelfReview);
        Assert.All(new[] { "aws-review-privileged", "aws-review-unprivileged" }, review =>
        {
            Assert.Equal([("User", 1L)], GitHub.Environments[review].Reviewers);
            Assert.True(GitHub.Environments[review].PreventSelfReview);
        });
        Assert.Empty(GitHub.Environments["aws-privileged"].Reviewers); // dev is deployed first: no approval gate declared
        // A stack's reviewers gate its privileged environment only, not assume-role's nor every pull request's preview.
        Assert.Empty(GitHub.Environments["aws-prod-unprivileged"].Reviewers);
        Assert.Empty(GitHub.Environments["aws-prod-preview"].Reviewers);

        Assert.Equal(new Dictionary<string, string>
        {
            ["AWS_PRIVILEGED_ROLE_ARN"] = FakeAwsSetUp.RoleArn("aws-prod-privileged"), ["AWS_PERMISSIONS_BOUNDARY_ARN"] = FakeAwsSetUp.DeployBoundary,
        }, prod.Variables);
        Assert.Equal(new Dictionary<string, string>
        {
            ["AWS_PREVIEW_ROLE_ARN"] = FakeAwsSetUp.RoleArn("aws-preview"), ["AWS_PERMISSIONS_BOUNDARY_ARN"] = FakeAwsSetUp.DeployBoundary,
        }, GitHub.Environments["aws-preview"].Variables);
        Assert.Equal(FakeAwsSetUp.ReviewBoundary, GitHub.Environments["aws-review-privileged"].Variables["AWS_PERMISSIONS_BOUNDARY_ARN"]);
        Assert.Empty(GitHub.Environments["aws-unprivileged"].Variables);
        Assert.Equal(new Dictionary<string, string> { ["AWS_REGION"] = "eu-central-1", ["PULUMI_BACKEND_URL"] = "gs://state-bucket" }, GitHub.Variables);
        Assert.Contains("review-stack", GitHub.Labels);

        var (request, dryRun) = Assert.Single(_harness.Aws.Applied);
        Assert.False(dryRun);
        Assert.Equal(("o/r", "eu-central-1"), (request.Repository, request.Region));
        Assert.Equal(
            [
                new AwsRoleRequest(AwsRoleKind.Deploy, "dev", "aws-privileged"), new AwsRoleRequest(AwsRoleKind.Preview, "dev", "aws-preview"),
                new AwsRoleRequest(AwsRoleKind.Deploy, "prod", "aws-prod-privileged"), new AwsRoleRequest(AwsRoleKind.Preview, "prod", "aws-prod-preview"),
                new AwsRoleRequest(AwsRoleKind.Review, "pr-*", "aws-review-privileged"),
            ], request.Roles);
    }

    [Fact]
    public async Task The_put_carries_the_whole_protection_set_and_a_null_branch_policy_for_an_open_environment()
    {
        await SetUp();

        var put = GitHub.Writes.Single(r => r.Method == "PUT" && r.RawPath == "/repos/o/r/environments/aws-prod-privileged");
        Assert.Equal("""{"wait_timer":0,"prevent_self_review":true,"reviewers":[{"type":"User","id":1},{"type":"Team","id":42}],"deployment_branch_policy":{"protected_branches":false,"custom_branch_policies":true}}""",
            put.Body);
        var open = JsonNode.Parse(GitHub.Writes.Single(r => r.Method == "PUT" && r.RawPath == "/repos/o/r/environments/aws-preview").Body)!.AsObject();
        Assert.True(open.ContainsKey("deployment_branch_policy"));
        Assert.Null(open["deployment_branch_policy"]);
        Assert.Equal("""{"name":"main","type":"branch"}""",
            GitHub.Writes.First(r => r is { Method: "POST", RawPath: "/repos/o/r/environments/aws-privileged/deployment-branch-policies" }).Body);
        Assert.All(GitHub.Server.Requests, r => Assert.Equal("Token admin-token", r.Authorization));
    }

    [Fact]
    public async Task A_variable_with_another_value_is_updated_in_place()
    {
        GitHub.Variables["AWS_REGION"] = "us-east-1";
        GitHub.Environments["aws-preview"] = new FakeEnvironment();
        GitHub.Environments["aws-preview"].Variables["AWS_PREVIEW_ROLE_ARN"] = "arn:aws:iam::123456789012:role/old-preview";

        await SetUp();

        Assert.Equal("eu-central-1", GitHub.Variables["AWS_REGION"]);
        Assert.Equal(FakeAwsSetUp.RoleArn("aws-preview"), GitHub.Environments["aws-preview"].Variables["AWS_PREVIEW_ROLE_ARN"]);
        Assert.Contains(GitHub.Writes, r => r is { Method: "PATCH", RawPath: "/repos/o/r/actions/variables/AWS_REGION" });
        Assert.Contains(GitHub.Writes, r => r is { Method: "PATCH", RawPath: "/repos/o/r/environments/aws-preview/variables/AWS_PREVIEW_ROLE_ARN" });
        Assert.Contains("GitHub: repository: update variable AWS_REGION = eu-central-1", _harness.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backend_url_is_printed_without_the_credentials_it_may_hold()
    {
        await SetUp(dryRun: true, backend: "https://user:s3cr3t@pulumi.example/api?token=s3cr3t");

        Assert.Contains("GitHub: would repository: set variable PULUMI_BACKEND_URL = https://pulumi.example/api", _harness.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", _harness.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_writes_nothing_and_says_there_was_nothing_to_do()
    {
        await SetUp();
        var writes = GitHub.Writes.Count;

        await SetUp();

        Assert.Equal(writes, GitHub.Writes.Count);
        Assert.Contains("Nothing to do: AWS and GitHub are set up as deploy/stacks.yml declares.", _harness.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_prints_the_plan_of_both_halves_and_changes_nothing()
    {
        _harness.Aws.Changes = ["AWS: would create role gha-octo-org-widgets-aws-prod-privileged"]; // as AwsSetUp words a dry run's change

        await SetUp(dryRun: true);

        Assert.Empty(GitHub.Writes);
        Assert.True(Assert.Single(_harness.Aws.Applied).DryRun);
        Assert.Contains("AWS: would create role gha-octo-org-widgets-aws-prod-privileged", _harness.Console, StringComparison.Ordinal);
        Assert.Contains("GitHub: would aws-prod-privileged: create (deployments from selected branches only, required reviewers octocat, octo-org/platform, " +
                        "self-review prevented)", _harness.Console, StringComparison.Ordinal);
        Assert.Contains("GitHub: would repository: set variable AWS_REGION = eu-central-1", _harness.Console, StringComparison.Ordinal);
        Assert.Contains("GitHub: would repository: create the label 'review-stack'", _harness.Console, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", _harness.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deploy_environment_open_to_every_branch_or_to_more_patterns_is_narrowed_to_the_default_branch()
    {
        GitHub.Environments["aws-privileged"] = new FakeEnvironment();
        GitHub.Environments["aws-unprivileged"] = FakeEnvironment.DefaultBranchOnly();
        GitHub.Environments["aws-unprivileged"].Policies.Add((77, "release/*", "branch"));
        GitHub.Environments["aws-prod-unprivileged"] = new FakeEnvironment { BranchPolicy = (true, false) };

        await SetUp();

        Assert.All(new[] { "aws-privileged", "aws-unprivileged", "aws-prod-unprivileged" }, name =>
        {
            Assert.Equal((false, true), GitHub.Environments[name].BranchPolicy);
            Assert.Equal(["main"], GitHub.Environments[name].Policies.Select(p => p.Name));
        });
        Assert.Contains(GitHub.Writes, r => r is { Method: "DELETE", RawPath: "/repos/o/r/environments/aws-unprivileged/deployment-branch-policies/77" });
    }

    [Fact]
    public async Task Opening_an_existing_environments_branches_is_refused_without_force_and_nothing_is_changed()
    {
        GitHub.Environments["aws-preview"] = FakeEnvironment.DefaultBranchOnly();

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => SetUp());

        Assert.Equal("SetUp would widen what exists, and does so only with --force: aws-preview: deployment branches opened to every branch (now only branch " +
                     "'main'). Nothing was changed: declare what you want kept in deploy/stacks.yml, or run SetUp again with --force.", failure.Message);
        Assert.Empty(GitHub.Writes);
        Assert.Empty(_harness.Aws.Applied);
    }

    [Fact]
    public async Task With_force_the_widening_is_made_and_said()
    {
        GitHub.Environments["aws-preview"] = FakeEnvironment.DefaultBranchOnly();

        await SetUp(force: true);

        Assert.Null(GitHub.Environments["aws-preview"].BranchPolicy);
        Assert.Contains("GitHub: --force: aws-preview: deployment branches opened to every branch", _harness.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_reviewer_is_refused_without_force_and_self_review_prevention_is_never_turned_off()
    {
        var prod = FakeEnvironment.DefaultBranchOnly();
        prod.Reviewers.Add(("User", 2));
        prod.PreventSelfReview = true;
        prod.WaitTimer = 30;
        GitHub.Environments["aws-prod-privileged"] = prod;

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => SetUp());
        Assert.Contains("aws-prod-privileged: required reviewer(s) hubot removed", failure.Message, StringComparison.Ordinal);
        Assert.Empty(GitHub.Writes);

        await SetUp(force: true);
        Assert.Equal([("User", 1L), ("Team", 42L)], prod.Reviewers);
        Assert.True(prod.PreventSelfReview);
        Assert.Equal(30, prod.WaitTimer); // PUT replaces the settings: the wait timer is sent again, kept
    }

    [Fact]
    public async Task Protection_set_by_hand_on_an_environment_that_needs_none_is_kept()
    {
        var dev = FakeEnvironment.DefaultBranchOnly();
        dev.Reviewers.Add(("User", 2));
        dev.PreventSelfReview = true;
        GitHub.Environments["aws-privileged"] = dev;

        await SetUp();

        Assert.Equal([("User", 2L)], dev.Reviewers);
        Assert.True(dev.PreventSelfReview);
        Assert.DoesNotContain(GitHub.Writes, r => r is { Method: "PUT", RawPath: "/repos/o/r/environments/aws-privileged" });
    }

    [Fact]
    public async Task Each_missing_secret_is_explained_in_one_line_with_the_exact_place_to_add_it()
    {
        GitHub.Environments["aws-privileged"] = FakeEnvironment.DefaultBranchOnly();
        GitHub.Environments["aws-privileged"].Secrets.Add("PULUMI_ACCESS_TOKEN");

        await SetUp();

        Assert.Contains("aws-privileged: missing secret HANDOFF_TOKEN (a fine-grained token of o/r with \"Secrets: write\" and \"Environments: write\", " +
                        "which hands the key off to stack dev's unprivileged environment); add it under Settings → Environments → aws-privileged → " +
                        "Environment secrets, or: gh secret set HANDOFF_TOKEN --env aws-privileged --repo o/r", _harness.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-privileged: missing secret PULUMI_ACCESS_TOKEN", _harness.Console, StringComparison.Ordinal);
        Assert.Contains("aws-review-unprivileged: missing secret PULUMI_ACCESS_TOKEN (Pulumi Cloud) or PULUMI_CONFIG_PASSPHRASE", _harness.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-review-privileged: missing secret HANDOFF_TOKEN", _harness.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_midway_ends_with_one_line_naming_the_call_and_what_was_done_not_a_stack_trace()
    {
        // What a real run met (a POST on a connection the server had closed): no HTTP answer at all, so no ApiException.
        GitHub.OverrideWhen = r => r is { Method: "POST", RawPath: "/repos/o/r/environments/aws-prod-privileged/deployment-branch-policies" };
        GitHub.Override = (_, response) =>
        {
            response.HttpContext.Abort();
            return Task.CompletedTask;
        };

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => SetUp());

        Assert.DoesNotContain('\n', failure.Message);
        Assert.StartsWith("GitHub did not answer POST /repos/o/r/environments/aws-prod-privileged/deployment-branch-policies (", failure.Message,
            StringComparison.Ordinal);
        Assert.Contains("Done: aws-privileged: create (", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Not done: aws-prod-privileged: add the deployment branch rule 'main'", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Run ./build.sh SetUp again to complete it.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-token", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("o/r/x", "eu-central-1", "The repository (--repository) 'o/r/x' is invalid: OWNER/REPO")]
    [InlineData("-o/r", "eu-central-1", "The repository (--repository) '-o/r' is invalid: OWNER/REPO")]
    [InlineData("o/..", "eu-central-1", "The repository (--repository) 'o/..' is invalid: OWNER/REPO")]
    [InlineData("o/r", "mars-north-1a", "The AWS region (--region, or AWS_REGION) 'mars-north-1a' is invalid")]
    public async Task Bad_input_is_refused_before_any_request(string repository, string region, string message)
    {
        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => SetUp(repository: repository, region: region));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
        Assert.Empty(GitHub.Server.Requests);
        Assert.Empty(_harness.Aws.Applied);
    }

    [Fact]
    public async Task An_environment_that_needs_reviewers_without_any_declared_is_refused_before_any_request_naming_the_stack_and_the_key()
    {
        _harness.WriteDeclaration(SetUpHarness.Declaration.Replace("    reviewers: [octocat, octo-org/platform]\n", "", StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => SetUp());

        Assert.Equal("The reviewers of stack prod (deploy/stacks.yml) is missing: the environment aws-prod-privileged needs required reviewers (the approval " +
                     "gate of a promoted stack): add 'reviewers:' (GitHub logins or org/team-slug) to stack prod, or, where your GitHub plan offers none, " +
                     "'accept-risk: {required-reviewers: <reason>}'. Nothing was changed.", failure.Message);
        Assert.Empty(GitHub.Server.Requests);
    }

    [Fact]
    public async Task An_accepted_risk_lets_SetUp_make_the_environment_without_reviewers()
    {
        _harness.WriteDeclaration(SetUpHarness.Declaration.Replace("    reviewers: [octocat, octo-org/platform]\n",
            "    accept-risk:\n      required-reviewers: Free plan, private repository\n", StringComparison.Ordinal));

        await SetUp();

        Assert.Empty(GitHub.Environments["aws-prod-privileged"].Reviewers);
        Assert.Equal((false, true), GitHub.Environments["aws-prod-privileged"].BranchPolicy);
    }

    [Fact]
    public async Task A_reviewer_GitHub_does_not_know_stops_SetUp_before_anything_is_written()
    {
        _harness.WriteDeclaration(SetUpHarness.Declaration.Replace("[octocat, octo-org/platform]", "[octocat, nobody-here]", StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<Pipeline.Publishing.GitHub.Repository.GitHubCallException>(() => SetUp());

        Assert.Equal("GitHub knows no user 'nobody-here' (GET /users/nobody-here: 404 Not Found): correct the reviewer in deploy/stacks.yml. Nothing was changed.",
            failure.Message);
        Assert.Empty(GitHub.Writes);
    }

    [Fact]
    public async Task A_refused_call_ends_with_one_line_naming_it_and_what_was_done_and_a_rerun_completes_it()
    {
        GitHub.OverrideWhen = r => r is { Method: "PUT", RawPath: "/repos/o/r/environments/aws-prod-privileged" };
        GitHub.Override = (_, response) => LocalGitHubServer.Json(response, 403,
            """{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest/deployments/environments#create-or-update-an-environment","status":"403"}""");

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => SetUp());

        Assert.DoesNotContain('\n', failure.Message);
        Assert.StartsWith("GitHub refused PUT /repos/o/r/environments/aws-prod-privileged (403 Forbidden): the token lacks permission; it needs a token of a " +
                          "repository administrator", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Done: aws-privileged: create (", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Not done: aws-prod-privileged: create (", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Run ./build.sh SetUp again to complete it.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-prod-privileged", GitHub.Environments.Keys);

        GitHub.OverrideWhen = _ => false;
        await SetUp();
        Assert.Equal(SetUpHarness.AllEnvironments.Length, GitHub.Environments.Count);
        Assert.Equal([("User", 1L), ("Team", 42L)], GitHub.Environments["aws-prod-privileged"].Reviewers);
    }

    [Theory]
    [MemberData(nameof(RateLimitAnswer.Names), MemberType = typeof(RateLimitAnswer))]
    public async Task A_rate_limit_is_named_as_one_not_as_a_missing_permission(string answer)
    {
        GitHub.OverrideWhen = r => r.RawPath == "/repos/o/r";
        GitHub.Override = (_, response) => RateLimitAnswer.All[answer].WriteAsync(response);

        var failure = await Assert.ThrowsAsync<Pipeline.Publishing.GitHub.Repository.GitHubCallException>(() => SetUp());

        Assert.StartsWith("GitHub's rate limit stopped GET /repos/o/r; run the command again ", failure.Message, StringComparison.Ordinal);
        Assert.Empty(GitHub.Writes);
    }

    [Fact]
    public async Task Without_a_token_SetUp_says_which_one_before_any_request()
    {
        _harness.Environment.Remove("GITHUB_TOKEN");

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => SetUp());

        Assert.StartsWith("The GITHUB_TOKEN is missing: a token of a repository administrator (e.g. GITHUB_TOKEN=$(gh auth token))", failure.Message, StringComparison.Ordinal);
        Assert.Empty(GitHub.Server.Requests);
    }
}
