using AssumeRolePipeline.Pipeline.Settings;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// review.yml and review-sweep.yml: label gating, the close/unlabel teardown, no review stack for forks and
/// Dependabot, concurrency that never cancels a teardown, the sweep's schedule and permissions, and the stage's
/// check that lets a review stack run unmerged code only for its own pull request.
/// </summary>
public sealed class ReviewWorkflowTests : IDisposable
{
    private const string SameRepositoryNotDependabot =
        "github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]' && " +
        "github.event.pull_request.user.login != 'dependabot[bot]'";

    private static readonly Workflow Review = Load("review.yml");
    private static readonly Workflow Sweep = Load("review-sweep.yml");
    private static readonly Workflow Stage = Load(StageFile);
    private static readonly ReviewStacksDeclaration Declared =
        StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath)).Review!;

    private readonly StepRun _run = new();

    public void Dispose() => _run.Dispose();

    private static IEnumerable<WorkflowJob> StageCallers => Review.Jobs.Concat(Sweep.Jobs).Where(j => j.Uses is not null);

    [Fact]
    public void Review_runs_on_the_pull_request_events_that_deploy_update_or_tear_down()
    {
        var pullRequest = Mapping(Review.On, "pull_request")!;

        Assert.Equal(["labeled", "unlabeled", "synchronize", "reopened", "closed"], Sequence(pullRequest, "types"));
        Assert.Equal(["pull_request"], Review.On.Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Every_review_job_names_the_declared_label_and_every_stage_call_the_declared_environments()
    {
        Assert.All(Review.Jobs, job => Assert.Contains($"'{Declared.Label}'", job.If, StringComparison.Ordinal));
        Assert.Equal(3, StageCallers.Count());
        Assert.All(StageCallers, job =>
        {
            Assert.Equal(StageReference, job.Uses);
            Assert.Equal("true", job.With["review"]);
            Assert.Equal(Declared.PrivilegedEnvironment, job.With["privileged-environment"]);
            Assert.Equal(Declared.UnprivilegedEnvironment, job.With["unprivileged-environment"]);
        });
    }

    [Fact]
    public void The_deploy_runs_only_for_a_labelled_pull_request_of_this_repository_not_dependabots_and_not_on_close()
    {
        var deploy = Review.Job("deploy");

        Assert.StartsWith(SameRepositoryNotDependabot + " && ", deploy.If, StringComparison.Ordinal);
        Assert.Contains("github.event.action != 'closed' && github.event.action != 'unlabeled'", deploy.If, StringComparison.Ordinal);
        Assert.Contains("contains(github.event.pull_request.labels.*.name, 'review-stack')", deploy.If, StringComparison.Ordinal);
        Assert.Contains("(github.event.action != 'labeled' || github.event.label.name == 'review-stack')", deploy.If, StringComparison.Ordinal);
        Assert.Equal(("pr-${{ github.event.pull_request.number }}", "up"), (deploy.With["stack"], deploy.With["operation"]));
    }

    [Fact]
    public void Closing_merging_or_unlabelling_tears_the_pair_down_through_the_stages_confirmed_destroy()
    {
        var teardown = Review.Job("teardown");

        Assert.Equal(SameRepositoryNotDependabot + " && ((github.event.action == 'closed' && contains(github.event.pull_request.labels.*.name, 'review-stack')) || " +
                     "(github.event.action == 'unlabeled' && github.event.label.name == 'review-stack'))", teardown.If);
        Assert.Equal("destroy", teardown.With["operation"]);
        Assert.Equal(teardown.With["stack"], teardown.With["confirm"]);
        Assert.False(teardown.With.ContainsKey("bucket-force-destroy")); // not needed: the build destroys every review stack's bucket with its objects
    }

    [Fact]
    public void Forks_and_dependabot_get_a_green_notice_that_needs_no_permission()
    {
        var notice = Review.Job("untrusted-notice");

        Assert.Equal("contains(github.event.pull_request.labels.*.name, 'review-stack') && (github.event.pull_request.head.repo.full_name != github.repository || " +
                     "github.actor == 'dependabot[bot]' || github.event.pull_request.user.login == 'dependabot[bot]')", notice.If);
        Assert.Empty(notice.Permissions);
        Assert.Null(notice.Environment);
        Assert.DoesNotContain("exit 1", notice.Steps.Single().Run, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploys_of_one_pull_request_queue_and_teardowns_have_a_group_no_deploy_can_cancel_or_replace()
    {
        static (string? Group, string? Cancel) Concurrency(WorkflowJob job) =>
            (Scalar(Mapping(job.Node, "concurrency")!, "group"), Scalar(Mapping(job.Node, "concurrency")!, "cancel-in-progress"));

        Assert.Equal(("review-pr-${{ github.event.pull_request.number }}", "false"), Concurrency(Review.Job("deploy")));
        Assert.Equal(("review-pr-${{ github.event.pull_request.number }}-teardown", "false"), Concurrency(Review.Job("teardown")));
        Assert.Equal(("review-${{ matrix.stack }}-teardown", "false"), Concurrency(Sweep.Job("destroy"))); // matrix.stack is pr-<number>
        Assert.Null(Mapping(Review.Root, "concurrency"));
    }

    [Fact]
    public void The_sweep_runs_daily_and_by_hand_with_an_optional_time_to_live()
    {
        var schedule = (YamlDotNet.RepresentationModel.YamlSequenceNode)Sweep.On["schedule"];
        var input = Mapping(Mapping(Mapping(Sweep.On, "workflow_dispatch")!, "inputs")!, "time-to-live-days")!;

        Assert.Equal("17 3 * * *", Scalar((YamlDotNet.RepresentationModel.YamlMappingNode)schedule.Children.Single(), "cron"));
        Assert.Equal(("false", ""), (Scalar(input, "required"), Scalar(input, "default")));
        Assert.Equal("${{ inputs.time-to-live-days }}", Sweep.Job("plan").Steps.Single(s => s.Id == "plan").Env["TIME_TO_LIVE_DAYS"]);
        Assert.Contains("--review-time-to-live", Sweep.Job("plan").Steps.Single(s => s.Id == "plan").Run, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweeps_plan_reads_state_and_pull_requests_only_and_fans_out_to_the_stage_per_stack()
    {
        var plan = Sweep.Job("plan");
        var destroy = Sweep.Job("destroy");
        var matrix = Mapping(Mapping(destroy.Node, "strategy")!, "matrix")!;

        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["pull-requests"] = "read" }, plan.Permissions);
        Assert.Equal(["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"], plan.Secrets);
        Assert.Contains("./build.sh \"${arguments[@]}\"", plan.Steps.Single(s => s.Id == "plan").Run, StringComparison.Ordinal);
        Assert.Equal("${{ fromJSON(needs.plan.outputs.destroy) }}", Scalar(matrix, "stack"));
        Assert.Equal(("destroy", "${{ matrix.stack }}"), (destroy.With["operation"], destroy.With["confirm"]));
        Assert.Equal("false", Scalar(Mapping(destroy.Node, "strategy")!, "fail-fast"));
        Assert.Empty(Sweep.Job("report").Permissions);
    }

    [Fact]
    public void Every_review_stage_caller_grants_what_the_stage_jobs_use_together()
    {
        var union = Stage.Jobs.SelectMany(j => j.Permissions).GroupBy(p => p.Key, p => p.Value)
            .ToDictionary(g => g.Key, g => g.Contains("write") ? "write" : "read");

        Assert.All(StageCallers, job => Assert.Equal(union, job.Permissions));
    }

    private (int ExitCode, string Output) Check(string stack, string operation, string eventName = "pull_request", string pullRequest = "12",
        string head = "octo/pipeline", string author = "alice", string gitRef = "refs/pull/12/merge", string confirm = "")
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        return _run.Run(Stage.Job("check").Steps.Single(s => s.Id == "request").Run!, new Dictionary<string, string>
        {
            ["STACK"] = stack, ["OPERATION"] = operation, ["CONFIRM"] = confirm == "" ? stack : confirm, ["EVENT"] = eventName, ["REF"] = gitRef,
            ["DEFAULT_BRANCH"] = "main", ["REVIEW"] = "true", ["PULL_REQUEST"] = pullRequest, ["HEAD_REPOSITORY"] = head,
            ["REPOSITORY"] = "octo/pipeline", ["PULL_REQUEST_AUTHOR"] = author, ["ACTOR"] = author,
        });
    }

    [SkippableTheory]
    [InlineData("up")]
    [InlineData("destroy")]
    public void A_pull_request_deploys_and_destroys_its_own_review_stack(string operation)
    {
        var (exitCode, output) = Check("pr-12", operation);

        Assert.Equal(0, exitCode);
        Assert.Equal("false", _run.Outputs["trusted"]); // unmerged code still: only the review environments' approval lets it run
        Assert.DoesNotContain("::error", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_sweep_destroys_a_review_stack_from_the_default_branch()
    {
        var (exitCode, _) = Check("pr-7", "destroy", eventName: "schedule", pullRequest: "", head: "", author: "github-actions[bot]", gitRef: "refs/heads/main");

        Assert.Equal(0, exitCode);
        Assert.Equal("true", _run.Outputs["trusted"]);
    }

    [SkippableTheory]
    [InlineData("pr-13", "up", "pull_request", "octo/pipeline", "alice", "refs/pull/12/merge", "Not this pull request's stack")]
    [InlineData("pr-12", "up", "pull_request", "someone/fork", "alice", "refs/pull/12/merge", "No review stack for this pull request")]
    [InlineData("pr-12", "up", "pull_request", "octo/pipeline", "dependabot[bot]", "refs/pull/12/merge", "No review stack for this pull request")]
    [InlineData("pr-12", "preview", "pull_request", "octo/pipeline", "alice", "refs/pull/12/merge", "Review stacks are deployed or destroyed")]
    [InlineData("pr-12", "drift", "pull_request", "octo/pipeline", "alice", "refs/pull/12/merge", "Review stacks are deployed or destroyed")]
    // That the stack is a review stack's name at all, the build checks (CheckEnvironments --review): here it is not this pull request's.
    [InlineData("dev", "up", "pull_request", "octo/pipeline", "alice", "refs/pull/12/merge", "Not this pull request's stack")]
    [InlineData("pr-012", "up", "pull_request", "octo/pipeline", "alice", "refs/pull/12/merge", "Not this pull request's stack")]
    [InlineData("pr-12", "up", "workflow_dispatch", "", "alice", "refs/heads/main", "Not a review stack's run")]
    [InlineData("pr-12", "destroy", "workflow_dispatch", "", "alice", "refs/heads/feature", "Not a review stack's run")]
    public void Any_other_review_request_stops_before_a_job_gets_a_credential(string stack, string operation, string eventName, string head,
        string author, string gitRef, string title)
    {
        var (exitCode, output) = Check(stack, operation, eventName, head: head, author: author, gitRef: gitRef);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"::error title={title}::", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was run.", output, StringComparison.Ordinal);
        Assert.Empty(_run.Outputs);
    }

    [SkippableFact]
    public void A_review_teardown_still_needs_the_stack_name_as_its_confirmation()
    {
        var (exitCode, output) = Check("pr-12", "destroy", confirm: "pr-13");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("::error title=Destroy not confirmed::", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_sweeps_report_lists_what_was_destroyed_and_fails_when_a_destroy_did_not_succeed()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        Skip.If(!File.Exists("/usr/bin/jq") && !File.Exists("/usr/local/bin/jq"), "needs jq, as GitHub's runners have");
        var script = Sweep.Job("report").Steps.Single().Run!;

        var (ok, _) = _run.Run(script, new Dictionary<string, string> { ["DESTROY"] = """["pr-12","pr-15"]""", ["RESULT"] = "success" });
        var summary = _run.Summary;
        var (failed, _) = _run.Run(script, new Dictionary<string, string> { ["DESTROY"] = """["pr-12"]""", ["RESULT"] = "failure" });

        Assert.Equal(0, ok);
        Assert.Contains("Destroyed, each pair in the safe order, unless its re-check after the approval kept it (its job summary then says why): pr-12 pr-15",
            summary, StringComparison.Ordinal);
        Assert.Equal(1, failed);
        Assert.Contains("the next sweep finds it again in the state backend", _run.Summary, StringComparison.Ordinal);
    }
}
