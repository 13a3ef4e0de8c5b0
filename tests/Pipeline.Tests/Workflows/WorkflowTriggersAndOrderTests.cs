using AssumeRolePipeline.Pipeline.Settings;
using YamlDotNet.RepresentationModel;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// When each workflow runs and what it asks of the stage: one caller job per stack of deploy/stacks.yml,
/// with that stack's environments, in promotion order. Workflows cannot read the declaration, so these
/// tests are what holds them to it.
/// </summary>
public sealed class WorkflowTriggersAndOrderTests
{
    private static readonly Workflow Ci = Load("ci.yml");
    private static readonly Workflow Preview = Load("preview.yml");
    private static readonly Workflow Deploy = Load("deploy.yml");
    private static readonly Workflow Manual = Load("manual.yml");
    private static readonly Workflow Drift = Load("drift.yml");
    private static readonly Workflow Rotate = Load("rotate.yml");
    private static readonly Workflow Stage = Load(StageFile);

    private static readonly StackDeclaration Declaration =
        StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath));

    private static IEnumerable<string> Triggers(Workflow workflow) => workflow.On.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!);

    private static IReadOnlyList<WorkflowJob> StageCallers(Workflow workflow) => [.. workflow.Jobs.Where(j => j.Uses is not null)];

    private static YamlMappingNode StageInputs => (YamlMappingNode)((YamlMappingNode)Stage.On["workflow_call"])["inputs"];

    private static YamlMappingNode DispatchInput(string name) => DispatchInput(Manual, name);

    private static YamlMappingNode DispatchInput(Workflow workflow, string name) =>
        (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)workflow.On["workflow_dispatch"])["inputs"])[name];

    private static string Cron(Workflow workflow) =>
        Scalar((YamlMappingNode)((YamlSequenceNode)workflow.On["schedule"]).Children.Single(), "cron")!;

    [Fact]
    public void The_on_key_reads_as_the_string_on()
    {
        Assert.All(Names.Select(Load), w => Assert.True(w.Root.Children.ContainsKey(new YamlScalarNode("on")), w.Name));
    }

    [Fact]
    public void Ci_runs_on_every_push_and_pull_request_documentation_too()
    {
        Assert.Equal(["push", "pull_request"], Triggers(Ci));
        Assert.All(Ci.On.Children.Values, trigger => Assert.NotEqual(YamlNodeType.Mapping, trigger.NodeType));
        Assert.Contains(Ci.Jobs, j => j.Steps.Any(s => s.Run == "./build.sh Test"));
        Assert.Contains(Ci.Jobs, j => j.Steps.Any(s => s.Run == ".ci/lint/run"));
    }

    [Fact]
    public void Ci_runs_the_integration_tier_on_a_radosgw_it_starts_and_always_stops()
    {
        var steps = Ci.Job("test").Steps.ToList();
        var start = steps.FindIndex(s => s.Run?.Contains("bash .ci/rgw/start \"$RUNNER_TEMP/rgw\"", StringComparison.Ordinal) == true);
        var test = steps.FindIndex(s => s.Run == "./build.sh Test");
        var stop = steps.FindIndex(s => s.Run == "bash .ci/rgw/stop \"$RUNNER_TEMP/rgw\"");

        Assert.True(start >= 0 && start < test && test < stop, "start, test, stop in that order");
        Assert.Equal("${{ runner.temp }}/rgw/config.json", steps[test].Env["RGW_TEST_CONFIG"]);
        Assert.Equal("always()", steps[stop].If);
    }

    [Fact]
    public void Preview_runs_on_pull_requests_only_never_pull_request_target()
    {
        Assert.Equal(["pull_request"], Triggers(Preview));
        Assert.All(Names.Select(Load), w => Assert.DoesNotContain("pull_request_target", w.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_runs_on_pushes_to_main_only()
    {
        Assert.Equal(["push"], Triggers(Deploy));
        Assert.Equal(["main"], Sequence((YamlMappingNode)Deploy.On["push"], "branches"));
    }

    [Fact]
    public void Manual_runs_by_hand_only_with_a_choice_of_the_declared_stacks_and_of_the_operations()
    {
        Assert.Equal(["workflow_dispatch"], Triggers(Manual));
        var stack = DispatchInput("stack");
        var operation = DispatchInput("operation");

        Assert.Equal(("choice", "true"), (Scalar(stack, "type"), Scalar(stack, "required")));
        Assert.Equal(Declaration.Stacks.Select(s => s.Name), Sequence(stack, "options"));
        Assert.Equal(("choice", "true"), (Scalar(operation, "type"), Scalar(operation, "required")));
        // Every operation of the stage but drift, which its own workflow runs with the drift issues.
        Assert.Equal(["preview", "up", "destroy", "refresh", "remediate", "rotate"], Sequence(operation, "options"));
        Assert.Equal(Workflow.Operations.Where(o => o != "drift"), Sequence(operation, "options"));
    }

    [Fact]
    public void Drift_runs_daily_and_by_hand_checking_unless_told_to_remediate()
    {
        Assert.Equal(["schedule", "workflow_dispatch"], Triggers(Drift));
        Assert.Matches(@"^\d{1,2} \d{1,2} \* \* \*$", Cron(Drift));
        var remediate = DispatchInput(Drift, "remediate");
        Assert.Equal(("boolean", "false"), (Scalar(remediate, "type"), Scalar(remediate, "default")));
        Assert.Equal(["remediate"], ((YamlMappingNode)((YamlMappingNode)Drift.On["workflow_dispatch"])["inputs"]).Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Rotate_runs_monthly_on_keys_older_than_30_days_and_by_hand_with_the_age_asked_for()
    {
        Assert.Equal(["schedule", "workflow_dispatch"], Triggers(Rotate));
        Assert.Matches(@"^\d{1,2} \d{1,2} \d{1,2} \* \*$", Cron(Rotate));
        var age = DispatchInput(Rotate, "max-key-age");
        Assert.Equal(("string", ""), (Scalar(age, "type"), Scalar(age, "default")));
        Assert.All(StageCallers(Rotate), job =>
            Assert.Equal("${{ github.event_name == 'schedule' && '30' || inputs.max-key-age }}", job.With["max-key-age"]));
        Assert.Equal(("string", ""), (Scalar((YamlMappingNode)StageInputs["max-key-age"], "type"), Scalar((YamlMappingNode)StageInputs["max-key-age"], "default")));
    }

    [Fact]
    public void Manual_asks_for_the_destroy_confirmation_and_leaves_a_non_empty_bucket_unless_told()
    {
        var confirm = DispatchInput("confirm");
        var force = DispatchInput("bucket-force-destroy");

        Assert.Equal("string", Scalar(confirm, "type"));
        Assert.Equal(("boolean", "false"), (Scalar(force, "type"), Scalar(force, "default")));
        Assert.All(StageCallers(Manual), job =>
        {
            Assert.Equal("${{ inputs.confirm }}", job.With["confirm"]);
            Assert.Equal("${{ inputs.bucket-force-destroy }}", job.With["bucket-force-destroy"]);
        });
    }

    [Fact]
    public void No_workflow_filters_paths_the_documentation_rule_is_written_once_in_the_stage()
    {
        Assert.All(Names.Select(Load), w =>
            Assert.DoesNotContain(w.Text.Split('\n').Select(l => l.Trim().Split(':')[0]), key => key is "paths" or "paths-ignore"));
        var rule = Stage.Job("check").Steps.Single(s => s.Id == "changes");
        Assert.Equal("(github.event_name == 'push' || github.event_name == 'pull_request') && !inputs.review", rule.If);
        Assert.Equal("steps.changes.outputs.code != 'false'", Stage.Job("check").Steps.Single(s => s.Id == "environments").If);
    }

    [Theory]
    [InlineData("preview.yml")]
    [InlineData("deploy.yml")]
    [InlineData("manual.yml")]
    [InlineData("drift.yml")]
    [InlineData("rotate.yml")]
    public void Each_caller_has_one_job_per_declared_stack_in_the_declared_order_with_its_environments(string name)
    {
        var callers = StageCallers(Load(name));

        Assert.Equal(Declaration.Stacks.Select(s => s.Name), callers.Select(j => j.Id));
        Assert.All(callers, job =>
        {
            var stack = Declaration.Require(job.Id);
            Assert.Equal(StageReference, job.Uses);
            Assert.Equal(stack.Name, job.With["stack"]);
            Assert.Equal(stack.PrivilegedEnvironment, job.With["privileged-environment"]);
            Assert.Equal(stack.UnprivilegedEnvironment, job.With["unprivileged-environment"]);
            Assert.Equal(stack.PreviewEnvironment, job.With["preview-environment"]);
        });
    }

    [Fact]
    public void Every_caller_passes_each_input_the_stage_requires_and_no_other()
    {
        var declared = StageInputs.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Scalar((YamlMappingNode)c.Value, "required") == "true");
        var callers = Callers.Select(Load).SelectMany(StageCallers).ToList();

        Assert.Equal(["stack", "operation", "privileged-environment", "unprivileged-environment", "preview-environment"], declared.Where(d => d.Value).Select(d => d.Key));
        Assert.All(callers, job =>
        {
            Assert.Empty(declared.Where(d => d.Value).Select(d => d.Key).Except(job.With.Keys));
            Assert.Empty(job.With.Keys.Except(declared.Keys));
        });
    }

    [Theory]
    [InlineData("preview.yml", "preview")]
    [InlineData("deploy.yml", "up")]
    [InlineData("manual.yml", "${{ inputs.operation }}")]
    // A schedule has no inputs, so inputs.remediate is empty there: a check.
    [InlineData("drift.yml", "${{ inputs.remediate && 'remediate' || 'drift' }}")]
    [InlineData("rotate.yml", "rotate")]
    public void Each_caller_asks_for_its_operation(string name, string operation)
    {
        Assert.All(StageCallers(Load(name)), job => Assert.Equal(operation, job.With["operation"]));
    }

    [Theory]
    [InlineData("deploy.yml")]
    [InlineData("rotate.yml")]
    public void A_merge_deploys_and_a_rotation_rotates_each_stack_only_after_the_one_it_is_promoted_after_succeeded(string name)
    {
        var workflow = Load(name);
        Assert.All(StageCallers(workflow), job =>
        {
            var stack = Declaration.Require(job.Id);
            Assert.Equal(stack.PromoteAfter is null ? [] : [stack.PromoteAfter], job.Needs);
            // No status function: a failed or skipped predecessor skips the promotion.
            Assert.Null(job.If);
        });
        Assert.Contains(StageCallers(workflow), job => job.Needs.Count > 0);
    }

    [Fact]
    public void Drift_checks_the_stacks_side_by_side_each_on_its_own()
    {
        Assert.All(StageCallers(Drift), job =>
        {
            Assert.Empty(job.Needs);
            Assert.Null(job.If);
        });
    }

    [Fact]
    public void Each_stack_has_a_drift_issue_job_after_its_stage_whatever_the_stage_found()
    {
        var issueJobs = Drift.Jobs.Where(j => j.Uses is null).ToList();

        Assert.Equal(Declaration.Stacks.Select(s => $"issues-{s.Name}"), issueJobs.Select(j => j.Id));
        Assert.All(Declaration.Stacks, stack =>
        {
            var job = Drift.Job($"issues-{stack.Name}");
            Assert.Equal([stack.Name], job.Needs);
            // A failed stage still reports the stacks it could check; a skipped one has nothing to report.
            Assert.Equal($"${{{{ !cancelled() && needs.{stack.Name}.result != 'skipped' }}}}", job.If);
            var download = Assert.Single(job.Steps, s => s.Uses?.StartsWith("actions/download-artifact@", StringComparison.Ordinal) == true);
            Assert.Equal($"drift-reports-{stack.Name}-*", download.With["pattern"]);
            Assert.Equal("${{ runner.temp }}/drift-reports", download.With["path"]);
            Assert.False(download.With.ContainsKey("merge-multiple"), "each artifact unpacks into a folder of its own");
            var publish = job.Steps.Single(s => s.RunsBuild);
            Assert.Equal(download.With["path"], publish.Env["DRIFT_REPORTS"]);
            Assert.Contains("./build.sh PublishDriftIssues --drift-reports \"$DRIFT_REPORTS\"", publish.Run, StringComparison.Ordinal);
            Assert.Equal("false", job.Steps.Single(s => s.Uses == CompositeAction.SetupReference).With["pulumi"]);
        });
    }

    [Fact]
    public void The_artifacts_the_issue_jobs_download_are_the_ones_the_stage_uploads()
    {
        var uploads = Stage.Jobs.SelectMany(j => j.Steps).Where(s => s.Uses?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)
            .Select(s => s.With["name"]).ToList();

        Assert.Equal(["drift-reports-${{ inputs.stack }}-create-role", "drift-reports-${{ inputs.stack }}-assume-role"], uploads);
        Assert.All(uploads, name => Assert.StartsWith("drift-reports-${{ inputs.stack }}-", name, StringComparison.Ordinal));
    }

    [Fact]
    public void A_stack_promoted_after_another_is_skipped_with_a_notice_until_its_environments_exist_the_first_is_required()
    {
        Assert.All(StageCallers(Deploy), job =>
            Assert.Equal(Declaration.Require(job.Id).PromoteAfter is null ? null : "true", job.With.GetValueOrDefault("optional")));
        Assert.All(StageCallers(Drift).Concat(StageCallers(Rotate)), job =>
            Assert.Equal(Declaration.Require(job.Id).PromoteAfter is null ? null : "true", job.With.GetValueOrDefault("optional")));
        Assert.All(StageCallers(Manual), job => Assert.False(job.With.ContainsKey("optional")));
        Assert.Equal("false", Scalar((YamlMappingNode)StageInputs["optional"], "default"));
    }

    [Fact]
    public void A_pull_request_previews_every_stack_one_after_another_whatever_the_one_before_found()
    {
        var callers = StageCallers(Preview);
        const string sameRepository = "github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]'";

        Assert.All(callers, job => Assert.Equal("true", job.With["optional"]));
        Assert.Equal(sameRepository, callers[0].If);
        Assert.Empty(callers[0].Needs);
        for (var i = 1; i < callers.Count; i++)
        {
            Assert.Equal([callers[i - 1].Id], callers[i].Needs);
            Assert.Equal($"${{{{ !cancelled() && {sameRepository} }}}}", callers[i].If);
        }
    }

    [Fact]
    public void A_pull_request_without_secrets_gets_the_notice_instead_of_the_previews()
    {
        Assert.Equal(
            "github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]'",
            Preview.Job("no-secrets-notice").If);
        Assert.Empty(Preview.Job("no-secrets-notice").Secrets);
    }

    [Fact]
    public void A_manual_run_runs_the_chosen_stack_only()
    {
        Assert.All(StageCallers(Manual), job => Assert.Equal($"inputs.stack == '{job.Id}'", job.If));
    }

    [Fact]
    public void Previews_of_one_pull_request_cancel_older_ones()
    {
        var concurrency = Mapping(Preview.Root, "concurrency")!;

        Assert.Equal("preview-${{ github.event.pull_request.number }}", Scalar(concurrency, "group"));
        Assert.Equal("true", Scalar(concurrency, "cancel-in-progress"));
        Assert.All(StageCallers(Preview), job => Assert.Null(Mapping(job.Node, "concurrency")));
    }

    [Fact]
    public void Updates_destroys_drift_checks_and_rotations_of_one_stack_share_one_group_and_never_cancel_each_other()
    {
        var callers = new[] { Deploy, Manual, Drift, Rotate }.SelectMany(StageCallers).ToList();

        Assert.All(callers, job =>
        {
            var concurrency = Mapping(job.Node, "concurrency")!;
            Assert.Equal($"assume-role-pipeline-{job.Id}", Scalar(concurrency, "group"));
            Assert.Equal("false", Scalar(concurrency, "cancel-in-progress"));
        });
        Assert.Null(Mapping(Deploy.Root, "concurrency"));
        Assert.Null(Mapping(Manual.Root, "concurrency"));
        Assert.Null(Mapping(Drift.Root, "concurrency"));
        Assert.Null(Mapping(Rotate.Root, "concurrency"));
        Assert.Null(Mapping(Stage.Root, "concurrency"));
    }
}
