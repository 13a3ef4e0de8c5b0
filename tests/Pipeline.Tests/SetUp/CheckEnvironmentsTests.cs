using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Composition;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp;

/// <summary>
/// The stage's check job (<c>./build.sh CheckEnvironments</c>, the workflow's token with <c>actions: read</c>): the environments
/// the run will use must exist and be protected as required before any job holds a credential (issue 18).
/// </summary>
public sealed class CheckEnvironmentsTests : IAsyncLifetime
{
    private SetUpHarness _harness = null!;

    private FakeGitHubRepository GitHub => _harness.GitHub;

    /// <summary>A repository protected as the threat model requires (made by SetUp here; by hand passes as well), and a job on GitHub Actions.</summary>
    public async Task InitializeAsync()
    {
        _harness = await SetUpHarness.StartAsync();
        await _harness.RunAsync(BuildCommand.SetUp);
        _harness.OnGitHubActions();
        _harness.Environment["GITHUB_TOKEN"] = "workflow-token";
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private string Commands => _harness.Commands.ToString();

    private Task<int?> Check(string stack, string operation, bool trusted = true, bool optional = false, bool review = false, string? maxKeyAge = null) =>
        _harness.RunAsync(BuildCommand.CheckEnvironments, new BuildParameters
        {
            Stack = stack, Operation = operation, Trusted = trusted, Optional = optional, Review = review, MaxKeyAge = maxKeyAge,
        });

    private IEnumerable<string> EnvironmentsRead => GitHub.Server.Requests
        .Where(r => r.Authorization == "Token workflow-token" && r.RawPath.StartsWith("/repos/o/r/environments/", StringComparison.Ordinal) &&
                    !r.RawPath.EndsWith("/deployment-branch-policies", StringComparison.Ordinal))
        .Select(r => r.RawPath["/repos/o/r/environments/".Length..]);

    [Theory]
    [InlineData("dev", "preview", false, false, new[] { "aws-preview" })]
    [InlineData("dev", "preview", true, false, new[] { "aws-preview", "aws-unprivileged" })]
    [InlineData("prod", "up", true, false, new[] { "aws-prod-privileged", "aws-prod-unprivileged" })]
    [InlineData("prod", "rotate", true, false, new[] { "aws-prod-privileged", "aws-prod-unprivileged" })]
    [InlineData("pr-12", "up", false, true, new[] { "aws-review-privileged", "aws-review-unprivileged" })]
    public async Task The_stage_proceeds_when_the_environments_its_jobs_will_use_are_protected_as_required(string stack, string operation, bool trusted,
        bool review, string[] read)
    {
        var writes = GitHub.Writes.Count;

        Assert.Null(await Check(stack, operation, trusted, review: review));

        Assert.Equal("true", _harness.Output("ready"));
        Assert.Equal($"drift-reports+{stack}", _harness.Output("drift-artifact"));
        Assert.Equal(read, EnvironmentsRead);
        Assert.DoesNotContain("::error", Commands, StringComparison.Ordinal);
        Assert.Equal(writes, GitHub.Writes.Count);
    }

    [Fact]
    public async Task A_hand_made_set_up_that_is_protected_passes_without_SetUp()
    {
        GitHub.Environments.Clear();
        GitHub.Environments["aws-prod-privileged"] = FakeEnvironment.DefaultBranchOnly();
        GitHub.Environments["aws-prod-privileged"].Reviewers.Add(("Team", 42));
        GitHub.Environments["aws-prod-privileged"].PreventSelfReview = true;
        GitHub.Environments["aws-prod-unprivileged"] = FakeEnvironment.DefaultBranchOnly();

        Assert.Null(await Check("prod", "up"));

        Assert.Equal("true", _harness.Output("ready"));
    }

    [Fact]
    public async Task An_optional_stack_not_set_up_is_skipped_with_a_notice()
    {
        GitHub.Environments.Remove("aws-prod-privileged");

        Assert.Null(await Check("prod", "up", optional: true));

        Assert.Equal("false", _harness.Output("ready"));
        Assert.Contains("::notice title=prod skipped::Stack prod is not set up: the GitHub environment(s) aws-prod-privileged do not exist. Run ./build.sh SetUp",
            Commands, StringComparison.Ordinal);
        Assert.StartsWith("### prod skipped", File.ReadAllText(_harness.SummaryFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_not_set_up_fails_the_run_when_it_was_asked_for()
    {
        GitHub.Environments.Remove("aws-privileged");
        GitHub.Environments.Remove("aws-unprivileged");

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => Check("dev", "up"));

        Assert.StartsWith("Stack dev is not set up: the GitHub environment(s) aws-privileged aws-unprivileged do not exist.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("::error title=dev is not set up::", Commands, StringComparison.Ordinal);
        Assert.Null(_harness.Output("ready"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_protection_stops_the_run_naming_the_environment_and_the_rule_even_for_an_optional_stack(bool optional)
    {
        GitHub.Environments["aws-prod-privileged"].Reviewers.Clear();
        GitHub.Environments["aws-prod-unprivileged"].BranchPolicy = null;

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => Check("prod", "up", optional: optional));

        Assert.Equal("2 protection(s) of the environments stack prod uses are missing (listed above): nothing was run.", failure.Message);
        Assert.Contains("::error title=aws-prod-privileged not protected as required::aws-prod-privileged: no required reviewers (the approval gate of a promoted stack)",
            Commands, StringComparison.Ordinal);
        Assert.Contains("::error title=aws-prod-unprivileged not protected as required::aws-prod-unprivileged: open to every branch", Commands, StringComparison.Ordinal);
        Assert.Null(_harness.Output("ready"));
    }

    [Fact]
    public async Task A_review_environment_without_reviewers_stops_a_review_stacks_run()
    {
        GitHub.Environments["aws-review-privileged"].Reviewers.Clear();

        await Assert.ThrowsAsync<ExplainedFailure>(() => Check("pr-7", "destroy", trusted: true, review: true));

        Assert.Contains("::error title=aws-review-privileged not protected as required::aws-review-privileged: no required reviewers (its jobs run unmerged code",
            Commands, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_risk_is_a_warning_with_its_reason_on_every_run_and_the_run_proceeds()
    {
        _harness.WriteDeclaration(SetUpHarness.Declaration.Replace("    reviewers: [octocat, octo-org/platform]\n",
            "    accept-risk:\n      required-reviewers: Free plan, private repository\n", StringComparison.Ordinal));
        GitHub.Environments["aws-prod-privileged"].Reviewers.Clear();

        Assert.Null(await Check("prod", "up"));

        Assert.Contains("::warning title=Accepted risk::aws-prod-privileged: no required reviewers (the approval gate of a promoted stack), a risk accepted in " +
                        "deploy/stacks.yml (accept-risk: required-reviewers): Free plan, private repository", Commands, StringComparison.Ordinal);
        Assert.Equal("true", _harness.Output("ready"));
    }

    [Theory]
    [InlineData("dev", "apply", false, null, "The operation (--operation) 'apply' is invalid: one of preview, up, destroy, drift, refresh, remediate, rotate.")]
    [InlineData("dev", "rotate", false, "3651", "The maximum key age (--max-key-age) '3651' is invalid: a whole number of days from 1 to 3650, or empty to rotate now.")]
    [InlineData("dev", "rotate", false, "030", "The maximum key age (--max-key-age) '030' is invalid: a whole number of days from 1 to 3650, or empty to rotate now.")]
    [InlineData("dev", "rotate", false, "30\n::notice::injected", "The maximum key age (--max-key-age) '30\\n::notice::injected' is invalid")]
    [InlineData("staging", "up", false, null, "The stack name (--stack) 'staging' is invalid: one of the stacks declared in")]
    [InlineData("pr-012", "up", true, null, "The stack name (--stack) 'pr-012' is invalid: one of the stacks declared in")]
    [InlineData("dev", "up", true, null, "The stack name (--stack) 'dev' is invalid: a pull request's review stack pr-<number>")]
    [InlineData("pr-12", "up", false, null, "The stack name (--stack) 'pr-12' is invalid: a declared stack: a review stack pr-<number> runs only with --review")]
    public async Task A_bad_request_is_refused_with_the_builds_own_rule_before_any_request(string stack, string operation, bool review, string? maxKeyAge,
        string message)
    {
        var before = GitHub.Server.Requests.Count;

        var failure = await Assert.ThrowsAnyAsync<ExplainedFailure>(() => Check(stack, operation, review: review, maxKeyAge: maxKeyAge));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Equal(before, GitHub.Server.Requests.Count);
    }

    [Fact]
    public async Task On_GitHub_a_bad_request_is_the_runs_annotation_on_one_line()
    {
        _harness.OnGitHubActions();

        await Assert.ThrowsAnyAsync<ExplainedFailure>(() => Check("dev", "rotate", maxKeyAge: "30\n::notice::injected"));

        var annotation = Assert.Single(Commands.ToString().Split('\n'), l => l.StartsWith("::error", StringComparison.Ordinal));
        Assert.StartsWith("::error title=Bad request::The maximum key age (--max-key-age) '30\\n::notice::injected' is invalid", annotation, StringComparison.Ordinal);
        Assert.DoesNotContain(Commands.ToString().Split('\n'), l => l.StartsWith("::notice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("3650")]
    public async Task A_maximum_key_age_from_1_to_3650_days_or_none_is_accepted(string days)
    {
        Assert.Null(await Check("dev", "rotate", maxKeyAge: days));
    }

    [Fact]
    public async Task Environments_the_token_may_not_read_fail_saying_which_permission_is_needed()
    {
        GitHub.OverrideWhen = r => r.RawPath == "/repos/o/r/environments/aws-prod-privileged";
        GitHub.Override = (_, response) => Tests.GitHub.LocalGitHubServer.Json(response, 403,
            """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/deployments/environments#get-an-environment","status":"403"}""");

        var failure = await Assert.ThrowsAnyAsync<ExplainedFailure>(() => Check("prod", "up", optional: true));

        Assert.Equal("GitHub refused GET /repos/o/r/environments/aws-prod-privileged (403 Forbidden): the token lacks permission; it needs the job's permission " +
                     "actions: read (and contents: read).", failure.Message);
    }
}
