using AssumeRolePipeline.Pipeline.Stacks;
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
    private static readonly Workflow Stage = Load(StageFile);

    private static readonly StackDeclaration Declaration =
        StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath));

    private static IEnumerable<string> Triggers(Workflow workflow) => workflow.On.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!);

    private static IReadOnlyList<WorkflowJob> StageCallers(Workflow workflow) => [.. workflow.Jobs.Where(j => j.Uses is not null)];

    private static YamlMappingNode StageInputs => (YamlMappingNode)((YamlMappingNode)Stage.On["workflow_call"])["inputs"];

    private static YamlMappingNode DispatchInput(string name) =>
        (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Manual.On["workflow_dispatch"])["inputs"])[name];

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
        Assert.Equal(["preview", "up", "destroy"], Sequence(operation, "options"));
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
    public void Each_caller_asks_for_its_operation(string name, string operation)
    {
        Assert.All(StageCallers(Load(name)), job => Assert.Equal(operation, job.With["operation"]));
    }

    [Fact]
    public void A_merge_deploys_each_stack_only_after_the_one_it_is_promoted_after_succeeded()
    {
        Assert.All(StageCallers(Deploy), job =>
        {
            var stack = Declaration.Require(job.Id);
            Assert.Equal(stack.PromoteAfter is null ? [] : [stack.PromoteAfter], job.Needs);
            // No status function: a failed or skipped predecessor skips the promotion.
            Assert.Null(job.If);
        });
        Assert.Contains(StageCallers(Deploy), job => job.Needs.Count > 0);
    }

    [Fact]
    public void A_stack_promoted_after_another_is_skipped_with_a_notice_until_its_environments_exist_the_first_is_required()
    {
        Assert.All(StageCallers(Deploy), job =>
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
    public void Updates_and_destroys_of_one_stack_share_one_group_and_never_cancel_each_other()
    {
        var callers = StageCallers(Deploy).Concat(StageCallers(Manual)).ToList();

        Assert.All(callers, job =>
        {
            var concurrency = Mapping(job.Node, "concurrency")!;
            Assert.Equal($"assume-role-pipeline-{job.Id}", Scalar(concurrency, "group"));
            Assert.Equal("false", Scalar(concurrency, "cancel-in-progress"));
        });
        Assert.Null(Mapping(Deploy.Root, "concurrency"));
        Assert.Null(Mapping(Manual.Root, "concurrency"));
        Assert.Null(Mapping(Stage.Root, "concurrency"));
    }
}
