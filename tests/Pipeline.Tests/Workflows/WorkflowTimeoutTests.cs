using System.Globalization;
using YamlDotNet.RepresentationModel;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// Every job that runs on a runner ends within a bound that fits its work, so a hung Pulumi operation or IAM
/// wait cannot hold its stack's concurrency group, and block every deploy behind it, for GitHub's default of
/// 360 minutes. The drift issue jobs of one stack run one at a time, so two runs cannot open duplicate issues.
/// </summary>
public sealed class WorkflowTimeoutTests
{
    /// <summary>
    /// No job needs more: the longest (an update with the IAM wait, Verify and a preview) is bounded at 45.
    /// A job still running after an hour is hung, and holds its stack's group while it hangs.
    /// </summary>
    private const int MaxTimeoutMinutes = 60;

    /// <summary>The build's longest IAM wait (--readiness-timeout accepts at most 900 s).</summary>
    private const int LongestIamWaitMinutes = 15;

    private static bool RunsSteps(WorkflowJob job) => job.Node.Children.ContainsKey(new YamlScalarNode("runs-on"));

    /// <summary>The job's timeout-minutes as a whole number of minutes, or null when it has none or it is not a plain number.</summary>
    private static int? TimeoutMinutes(WorkflowJob job) =>
        int.TryParse(Scalar(job.Node, "timeout-minutes"), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : null;

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Every_job_that_runs_steps_has_a_timeout_of_at_most_an_hour(string setName)
    {
        // Every workflow file in the folder, not a list: a new workflow is held to the rule too.
        var all = WorkflowSet.Named(setName).AllWorkflows;
        var jobs = all.SelectMany(w => w.Jobs.Where(RunsSteps).Select(j => $"{w.Name}: {j.Id}: {Scalar(j.Node, "timeout-minutes") ?? "none"}")).ToList();
        var wrong = all.SelectMany(w => w.Jobs.Where(RunsSteps)
                .Where(j => TimeoutMinutes(j) is not (>= 1 and <= MaxTimeoutMinutes))
                .Select(j => $"{w.Name}: job {j.Id} has timeout-minutes '{Scalar(j.Node, "timeout-minutes") ?? "(none: GitHub's 360)"}', " +
                             $"not a whole number of minutes from 1 to {MaxTimeoutMinutes}"))
            .ToList();

        Assert.True(jobs.Count >= 10, $"found only {jobs.Count} jobs that run steps: {string.Join("; ", jobs)}");
        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Every_job_of_the_stage_which_holds_its_stacks_concurrency_group_has_a_timeout(string setName)
    {
        var set = WorkflowSet.Named(setName);
        // The callers that hold a stack's group (up, destroy, drift, remediate, refresh, rotate) run the stage's
        // jobs inside it: each of those jobs must end, or the next deploy of the stack waits behind it.
        var holders = new[] { "deploy.yml", "manual.yml", "drift.yml", "rotate.yml" }.Select(set.Load)
            .SelectMany(w => w.Jobs.Where(j => Mapping(j.Node, "concurrency") is { } group &&
                                               Scalar(group, "group")!.StartsWith("assume-role-pipeline-", StringComparison.Ordinal)))
            .ToList();
        var stage = Load(StageFile);

        Assert.NotEmpty(holders);
        Assert.All(holders, job => Assert.Equal(StageReference, job.Uses));
        Assert.All(stage.Jobs, job =>
        {
            Assert.True(RunsSteps(job), $"stage job {job.Id} calls another workflow; its jobs' timeouts are not checked here");
            Assert.True(TimeoutMinutes(job) is >= 1 and <= MaxTimeoutMinutes, $"stage job {job.Id} has no timeout-minutes from 1 to {MaxTimeoutMinutes}");
        });
    }

    [Theory]
    [InlineData("destroy-assume-role")]
    [InlineData("assume-role")]
    public void The_jobs_that_wait_for_iam_outlive_the_longest_wait_so_the_build_reports_it_not_a_kill(string job)
    {
        // With the handed-off key these jobs wait until IAM accepts it; past --readiness-timeout the build stops
        // with a message saying what to do. A job timeout shorter than that would kill it first, silently.
        var minutes = TimeoutMinutes(Load(StageFile).Job(job));

        Assert.NotNull(minutes);
        Assert.True(minutes > LongestIamWaitMinutes + 10, $"{job}: {minutes} minutes leave less than 10 beside a {LongestIamWaitMinutes}-minute IAM wait");
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void The_drift_issue_jobs_of_one_stack_run_one_at_a_time_and_never_cancel_a_running_one(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var drift = set.Load("drift.yml");

        Assert.NotEmpty(set.Declaration.Stacks);
        Assert.All(set.Declaration.Stacks, stack =>
        {
            var caller = drift.Jobs.Single(j => j.Uses is not null && j.With["stack"] == stack.Name);
            var concurrency = Mapping(drift.Job($"issues-{caller.Id}").Node, "concurrency");
            Assert.NotNull(concurrency);
            Assert.Equal($"drift-issues-{stack.Name}", Scalar(concurrency, "group"));
            Assert.Equal("false", Scalar(concurrency, "cancel-in-progress"));
            // Not the stack's own group: the issues job runs after the stage has released it, and waiting
            // there behind the next deploy would only delay the issue.
            Assert.NotEqual(Scalar(Mapping(caller.Node, "concurrency")!, "group"), Scalar(concurrency, "group"));
        });
    }
}
