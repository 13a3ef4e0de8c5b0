using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Settings;
using YamlDotNet.RepresentationModel;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// When each workflow runs and what it asks of the stage: one caller job per stack of deploy/stacks.yml,
/// with that stack's environments, in promotion order. Workflows cannot read the declaration, so these
/// tests are what holds them to it: the committed ones, and those generated for other declarations (a third
/// stack; names that are no job id as they stand), so a stack added to the declaration keeps every rule.
/// </summary>
public sealed class WorkflowTriggersAndOrderTests
{
    private static readonly Workflow Ci = Load("ci.yml");
    private static readonly Workflow Preview = Load("preview.yml");
    private static readonly Workflow Deploy = Load("deploy.yml");
    private static readonly Workflow Drift = Load("drift.yml");
    private static readonly Workflow Stage = Load(StageFile);

    private static IEnumerable<string> Triggers(Workflow workflow) => workflow.On.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!);

    private static IReadOnlyList<WorkflowJob> StageCallers(Workflow workflow) => [.. workflow.Jobs.Where(j => j.Uses is not null)];

    private static YamlMappingNode StageInputs => (YamlMappingNode)((YamlMappingNode)Stage.On["workflow_call"])["inputs"];

    /// <summary>The stack a caller job runs the stage for (its job id need not be the stack's name).</summary>
    private static DeclaredStack StackOf(WorkflowSet set, WorkflowJob job) => set.Declaration.Require(job.With["stack"]);

    /// <summary>The caller job of <paramref name="stack"/> in <paramref name="workflow"/>.</summary>
    private static WorkflowJob CallerOf(Workflow workflow, string stack) => StageCallers(workflow).Single(j => j.With["stack"] == stack);

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

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Manual_runs_by_hand_only_with_a_choice_of_the_declared_stacks_and_of_the_operations(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var manual = set.Load("manual.yml");
        Assert.Equal(["workflow_dispatch"], Triggers(manual));
        var stack = DispatchInput(manual, "stack");
        var operation = DispatchInput(manual, "operation");

        Assert.Equal(("choice", "true"), (Scalar(stack, "type"), Scalar(stack, "required")));
        Assert.Equal(set.Declaration.Stacks.Select(s => s.Name), Sequence(stack, "options"));
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

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Rotate_runs_monthly_on_keys_older_than_30_days_and_by_hand_with_the_age_asked_for(string setName)
    {
        var rotate = WorkflowSet.Named(setName).Load("rotate.yml");
        Assert.Equal(["schedule", "workflow_dispatch"], Triggers(rotate));
        Assert.Matches(@"^\d{1,2} \d{1,2} \d{1,2} \* \*$", Cron(rotate));
        var age = DispatchInput(rotate, "max-key-age");
        Assert.Equal(("string", ""), (Scalar(age, "type"), Scalar(age, "default")));
        Assert.All(StageCallers(rotate), job =>
            Assert.Equal("${{ github.event_name == 'schedule' && '30' || inputs.max-key-age }}", job.With["max-key-age"]));
        Assert.Equal(("string", ""), (Scalar((YamlMappingNode)StageInputs["max-key-age"], "type"), Scalar((YamlMappingNode)StageInputs["max-key-age"], "default")));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Manual_asks_for_the_destroy_confirmation_and_leaves_a_non_empty_bucket_unless_told(string setName)
    {
        var manual = WorkflowSet.Named(setName).Load("manual.yml");
        var confirm = DispatchInput(manual, "confirm");
        var force = DispatchInput(manual, "bucket-force-destroy");

        Assert.Equal("string", Scalar(confirm, "type"));
        Assert.Equal(("boolean", "false"), (Scalar(force, "type"), Scalar(force, "default")));
        Assert.All(StageCallers(manual), job =>
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
    [MemberData(nameof(WorkflowSet.CallersOfAll), MemberType = typeof(WorkflowSet))]
    public void Each_caller_has_one_job_per_declared_stack_in_the_declared_order_with_its_environments(string setName, string name)
    {
        var set = WorkflowSet.Named(setName);
        var callers = StageCallers(set.Load(name));

        Assert.Equal(set.Declaration.Stacks.Select(s => s.Name), callers.Select(j => j.With["stack"]));
        Assert.All(callers, job =>
        {
            var stack = StackOf(set, job);
            Assert.Equal(StageReference, job.Uses);
            Assert.Equal(stack.Name, Scalar(job.Node, "name"));
            Assert.Equal(stack.PrivilegedEnvironment, job.With["privileged-environment"]);
            Assert.Equal(stack.UnprivilegedEnvironment, job.With["unprivileged-environment"]);
            Assert.Equal(stack.PreviewEnvironment, job.With["preview-environment"]);
        });
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Each_stacks_job_has_the_same_id_in_every_caller_one_github_accepts_and_for_a_plain_name_the_name(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var ids = set.Declaration.Stacks.ToDictionary(s => s.Name, s => CallerOf(set.Load("deploy.yml"), s.Name).Id);

        Assert.All(Callers.Select(set.Load), workflow =>
        {
            Assert.All(set.Declaration.Stacks, stack => Assert.Equal(ids[stack.Name], CallerOf(workflow, stack.Name).Id));
            // GitHub compares job ids without case.
            Assert.Equal(workflow.Jobs.Count, workflow.Jobs.Select(j => j.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(workflow.Jobs, job => Assert.Matches(@"^[A-Za-z_][A-Za-z0-9_-]*\z", job.Id));
        });
        // A name that is a job id as it stands is its own; the others get one made of it, numbered where it would clash.
        IReadOnlyDictionary<string, string> expected = setName == WorkflowSet.UnusualNamesName
            ? new Dictionary<string, string>
            {
                ["dev"] = "dev", ["issues-dev"] = "issues-dev-2", ["2.0"] = "stack-2_0", ["true"] = "stack-true", ["org/qa"] = "org_qa",
                ["org_qa"] = "org_qa-2", ["no-secrets-notice"] = "no-secrets-notice-2",
            }
            : set.Declaration.Stacks.ToDictionary(s => s.Name, s => s.Name);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Every_caller_passes_each_input_the_stage_requires_and_no_other(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var declared = StageInputs.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Scalar((YamlMappingNode)c.Value, "required") == "true");
        var callers = Callers.Select(set.Load).SelectMany(StageCallers).ToList();

        Assert.Equal(["stack", "operation", "privileged-environment", "unprivileged-environment", "preview-environment"], declared.Where(d => d.Value).Select(d => d.Key));
        Assert.All(callers, job =>
        {
            Assert.Empty(declared.Where(d => d.Value).Select(d => d.Key).Except(job.With.Keys));
            Assert.Empty(job.With.Keys.Except(declared.Keys));
        });
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.CallersOfAll), MemberType = typeof(WorkflowSet))]
    public void Each_caller_asks_for_its_operation(string setName, string name)
    {
        var operation = name switch
        {
            "preview.yml" => "preview",
            "deploy.yml" => "up",
            "manual.yml" => "${{ inputs.operation }}",
            // A schedule has no inputs, so inputs.remediate is empty there: a check.
            "drift.yml" => "${{ inputs.remediate && 'remediate' || 'drift' }}",
            _ => "rotate",
        };
        Assert.All(StageCallers(WorkflowSet.Named(setName).Load(name)), job => Assert.Equal(operation, job.With["operation"]));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.PromotingCallersOfAll), MemberType = typeof(WorkflowSet))]
    public void A_merge_deploys_and_a_rotation_rotates_each_stack_only_after_the_one_it_is_promoted_after_succeeded(string setName, string name)
    {
        var set = WorkflowSet.Named(setName);
        var workflow = set.Load(name);
        Assert.All(StageCallers(workflow), job =>
        {
            var stack = StackOf(set, job);
            Assert.Equal(stack.PromoteAfter is null ? [] : [CallerOf(workflow, stack.PromoteAfter).Id], job.Needs);
            // No status function: a failed or skipped predecessor skips the promotion.
            Assert.Null(job.If);
        });
        Assert.Contains(StageCallers(workflow), job => job.Needs.Count > 0);
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Drift_checks_the_stacks_side_by_side_each_on_its_own(string setName)
    {
        var drift = WorkflowSet.Named(setName).Load("drift.yml");

        Assert.NotEmpty(StageCallers(drift));
        Assert.All(StageCallers(drift), job =>
        {
            Assert.Empty(job.Needs);
            Assert.Null(job.If);
        });
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Each_stack_has_a_drift_issue_job_after_its_stage_whatever_the_stage_found(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var drift = set.Load("drift.yml");
        var issueJobs = drift.Jobs.Where(j => j.Uses is null).ToList();

        Assert.Equal(set.Declaration.Stacks.Select(s => $"issues-{CallerOf(drift, s.Name).Id}"), issueJobs.Select(j => j.Id));
        Assert.All(set.Declaration.Stacks, stack =>
        {
            var caller = CallerOf(drift, stack.Name);
            var job = drift.Job($"issues-{caller.Id}");
            Assert.Equal($"{stack.Name}: drift issues", Scalar(job.Node, "name"));
            Assert.Equal([caller.Id], job.Needs);
            // A failed stage still reports the stacks it could check; a skipped one has nothing to report.
            Assert.Equal($"${{{{ !cancelled() && needs.{caller.Id}.result != 'skipped' }}}}", job.If);
            var download = Assert.Single(job.Steps, s => s.Uses?.StartsWith("actions/download-artifact@", StringComparison.Ordinal) == true);
            Assert.Equal(DriftArtifacts.Pattern(stack.Name), download.With["pattern"]);
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

        Assert.Equal(["${{ needs.check.outputs.drift-artifact }}+create-role", "${{ needs.check.outputs.drift-artifact }}+assume-role"], uploads);
        Assert.All(uploads, name => Assert.StartsWith("${{ needs.check.outputs.drift-artifact }}+", name, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void A_stack_promoted_after_another_is_skipped_with_a_notice_until_its_environments_exist_the_first_is_required(string setName)
    {
        var set = WorkflowSet.Named(setName);
        Assert.All(new[] { "deploy.yml", "drift.yml", "rotate.yml" }.Select(set.Load).SelectMany(StageCallers), job =>
            Assert.Equal(StackOf(set, job).PromoteAfter is null ? null : "true", job.With.GetValueOrDefault("optional")));
        Assert.All(StageCallers(set.Load("manual.yml")), job => Assert.False(job.With.ContainsKey("optional")));
        Assert.Equal("false", Scalar((YamlMappingNode)StageInputs["optional"], "default"));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void A_pull_request_previews_every_stack_one_after_another_whatever_the_one_before_found(string setName)
    {
        var callers = StageCallers(WorkflowSet.Named(setName).Load("preview.yml"));
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

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void A_pull_request_without_secrets_gets_the_notice_instead_of_the_previews(string setName)
    {
        var notice = WorkflowSet.Named(setName).Load("preview.yml").Job("no-secrets-notice");

        Assert.Equal("github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]'", notice.If);
        Assert.Empty(notice.Secrets);
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void A_manual_run_runs_the_chosen_stack_only(string setName)
    {
        var callers = StageCallers(WorkflowSet.Named(setName).Load("manual.yml"));

        Assert.NotEmpty(callers);
        Assert.All(callers, job => Assert.Equal($"inputs.stack == '{job.With["stack"]}'", job.If));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Previews_of_one_pull_request_cancel_older_ones(string setName)
    {
        var preview = WorkflowSet.Named(setName).Load("preview.yml");
        var concurrency = Mapping(preview.Root, "concurrency")!;

        Assert.Equal("preview-${{ github.event.pull_request.number }}", Scalar(concurrency, "group"));
        Assert.Equal("true", Scalar(concurrency, "cancel-in-progress"));
        Assert.All(StageCallers(preview), job => Assert.Null(Mapping(job.Node, "concurrency")));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Updates_destroys_drift_checks_and_rotations_of_one_stack_share_one_group_and_never_cancel_each_other(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var holders = new[] { "deploy.yml", "manual.yml", "drift.yml", "rotate.yml" }.Select(set.Load).ToList();

        Assert.All(holders.SelectMany(StageCallers), job =>
        {
            var concurrency = Mapping(job.Node, "concurrency")!;
            Assert.Equal($"assume-role-pipeline-{job.With["stack"]}", Scalar(concurrency, "group"));
            Assert.Equal("false", Scalar(concurrency, "cancel-in-progress"));
        });
        Assert.All(holders, workflow => Assert.Null(Mapping(workflow.Root, "concurrency")));
        Assert.Null(Mapping(Stage.Root, "concurrency"));
    }
}
