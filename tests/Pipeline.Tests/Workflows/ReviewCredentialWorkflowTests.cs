using AssumeRolePipeline.Pipeline.Settings;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// What a review stack's jobs can reach (issue 17): no job that runs a pull request's code can name the token that writes
/// GitHub secrets, review jobs take their state credential from the review environments only, review stacks get no
/// hand-off, and the sweep's destroys decide again after their approval.
/// </summary>
public sealed class ReviewCredentialWorkflowTests : IDisposable
{
    private static readonly string[] SecretsWriters = ["HANDOFF_TOKEN", "GITHUB_SECRETS_TOKEN"];
    private static readonly Workflow Stage = Load(StageFile);
    private static readonly Workflow Review = Load("review.yml");
    private static readonly Workflow Sweep = Load("review-sweep.yml");
    private static readonly ReviewStacksDeclaration Declared =
        StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath)).Review!;

    private readonly StepRun _run = new();

    public void Dispose() => _run.Dispose();

    private static IEnumerable<WorkflowJob> ReviewStageCallers =>
        Names.Select(Load).SelectMany(w => w.Jobs).Where(j => j.Uses is not null && j.With.GetValueOrDefault("review") == "true");

    [Fact]
    public void The_review_workflows_never_name_a_token_that_writes_secrets()
    {
        Assert.All(new[] { Review, Sweep }, workflow =>
            Assert.All(SecretsWriters, name => Assert.DoesNotContain(name, workflow.Text, StringComparison.Ordinal)));
        Assert.Equal(3, ReviewStageCallers.Count());
    }

    [Fact]
    public void In_the_stage_the_secrets_token_is_named_only_behind_not_review()
    {
        var named = Stage.Jobs.SelectMany(j => j.Steps.SelectMany(s => s.Env.Where(e => e.Value.Contains("HANDOFF_TOKEN", StringComparison.Ordinal))
            .Select(e => (Job: j.Id, Variable: e.Key, e.Value)))).ToList();

        var (job, variable, value) = Assert.Single(named);
        Assert.Equal(("create-role", "GITHUB_SECRETS_TOKEN"), (job, variable));
        // false for a review stack whatever follows: `!inputs.review && ... && secrets.HANDOFF_TOKEN || ''` is then ''.
        Assert.StartsWith("${{ !inputs.review && ", value, StringComparison.Ordinal);
        Assert.EndsWith(" && secrets.HANDOFF_TOKEN || '' }}", value, StringComparison.Ordinal);
        Assert.Single(value.Split("||"), part => part.Contains("HANDOFF_TOKEN", StringComparison.Ordinal));
        Assert.Equal(2, Stage.Text.Split("secrets.HANDOFF_TOKEN").Length); // nowhere else, not in a job's or workflow's env
    }

    [Fact]
    public void Every_review_job_runs_in_a_review_environment_so_its_state_credential_is_the_review_stacks_own()
    {
        // The stage's jobs take PULUMI_ACCESS_TOKEN and PULUMI_CONFIG_PASSPHRASE from their environment; a review call names
        // review environments for all three inputs, so no review job can be given dev's or prod's state credential.
        var reviewEnvironments = new[] { Declared.PrivilegedEnvironment, Declared.UnprivilegedEnvironment };
        Assert.All(ReviewStageCallers, caller =>
        {
            Assert.Contains(caller.With["privileged-environment"], reviewEnvironments);
            Assert.Contains(caller.With["unprivileged-environment"], reviewEnvironments);
            Assert.Contains(caller.With["preview-environment"], reviewEnvironments);
        });
        Assert.All(Stage.Jobs.Where(j => j.Secrets.Contains("PULUMI_ACCESS_TOKEN")), job => Assert.StartsWith("${{ inputs.", job.Environment, StringComparison.Ordinal));
        Assert.All(Sweep.Jobs.Concat(Review.Jobs).Where(j => j.Uses is null && j.Secrets.Count > 0),
            job => Assert.Equal(Declared.UnprivilegedEnvironment, job.Environment));
    }

    [Fact]
    public void Only_the_sweeps_destroys_are_rechecked_with_the_plans_time_to_live()
    {
        var destroy = Sweep.Job("destroy");

        Assert.Equal(("true", "${{ inputs.time-to-live-days }}"), (destroy.With["review-sweep"], destroy.With["review-time-to-live"]));
        // A teardown is asked for by the pull request itself (closed, unlabelled): nothing to decide again.
        Assert.All(Review.Jobs.Where(j => j.Uses is not null), job => Assert.False(job.With.ContainsKey("review-sweep")));
        Assert.All(new[] { "destroy-assume-role", "create-role" }, id => Assert.Equal("${{ inputs.review && inputs.review-sweep }}",
            Stage.Job(id).Steps.Single(s => s.RunsBuild).Env["REVIEW_SWEEP"]));
    }

    [Fact]
    public void A_destroy_the_recheck_skipped_leaves_create_role_alone()
    {
        Assert.Equal("${{ steps.build.outputs.skipped }}", Map(Mapping(Stage.Job("destroy-assume-role").Node, "outputs"))["skipped"]);
        Assert.Contains("needs.destroy-assume-role.result == 'success' && needs.destroy-assume-role.outputs.skipped != 'true'",
            Stage.Job("create-role").If, StringComparison.Ordinal);
    }

    private string BuildRuns(string job, IReadOnlyDictionary<string, string> environment)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        _run.WriteScript("build.sh", "#!/usr/bin/env bash\necho \"build: $*\"");
        var (exitCode, output) = _run.Run(Stage.Job(job).Steps.Single(s => s.RunsBuild).Run!, environment);
        Assert.Equal(0, exitCode);
        return output;
    }

    [SkippableTheory]
    [InlineData("up", "false", "", "build: UpCreateRole\n")]
    [InlineData("destroy", "false", "", "build: DestroyCreateRole\n")]
    [InlineData("destroy", "true", "", "build: DestroyCreateRole --review-recheck\n")]
    [InlineData("destroy", "true", "5", "build: DestroyCreateRole --review-recheck --review-time-to-live 5\n")]
    public void A_review_stacks_create_role_job_runs_no_hand_off_target(string operation, string sweep, string timeToLive, string expected) =>
        Assert.Equal(expected, BuildRuns("create-role", new Dictionary<string, string>
        {
            ["OPERATION"] = operation, ["REVIEW"] = "true", ["REVIEW_SWEEP"] = sweep, ["SWEEP_TIME_TO_LIVE_DAYS"] = timeToLive,
        }));

    [SkippableTheory]
    [InlineData("up", "build: UpCreateRole HandOff\n")]
    [InlineData("destroy", "build: DestroyCreateRole RemoveHandOff\n")]
    public void Any_other_stacks_create_role_job_still_hands_off(string operation, string expected) =>
        Assert.Equal(expected, BuildRuns("create-role", new Dictionary<string, string> { ["OPERATION"] = operation, ["REVIEW"] = "false" }));

    [SkippableTheory]
    [InlineData("false", "", "build: DestroyAssumeRole\n")]
    [InlineData("true", "", "build: DestroyAssumeRole --review-recheck\n")]
    [InlineData("true", "7", "build: DestroyAssumeRole --review-recheck --review-time-to-live 7\n")]
    public void The_assume_role_destroy_rechecks_when_the_sweep_asked_for_it(string sweep, string timeToLive, string expected) =>
        Assert.Equal(expected, BuildRuns("destroy-assume-role", new Dictionary<string, string>
        {
            ["REVIEW_SWEEP"] = sweep, ["SWEEP_TIME_TO_LIVE_DAYS"] = timeToLive,
        }));
}
