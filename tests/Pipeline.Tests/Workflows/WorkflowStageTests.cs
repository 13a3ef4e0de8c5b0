using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// The reusable stage: its check comes first, then per operation the two stacks in the pipeline's order,
/// each job with the setup every job shares and the settings and hand-off values the build reads.
/// </summary>
public sealed class WorkflowStageTests
{
    private const string Proceed = "needs.check.outputs.proceed == 'true'";

    private static readonly Workflow Stage = Load(StageFile);

    /// <summary>The jobs that run an operation on a stack (check runs the build too, for its own check only).</summary>
    private static IEnumerable<WorkflowJob> BuildJobs => Stage.Jobs.Where(j => j.Id != "check" && j.Steps.Any(s => s.RunsBuild));

    private static WorkflowStep BuildStep(string job) => Stage.Job(job).Steps.Single(s => s.RunsBuild);

    [Fact]
    public void The_stage_is_only_called_never_triggered()
    {
        Assert.Equal(["workflow_call"], Stage.On.Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Check_runs_first_with_no_environment_and_no_secret()
    {
        var check = Stage.Job("check");

        Assert.Empty(check.Needs);
        Assert.Null(check.Environment);
        Assert.Empty(check.Secrets);
        Assert.All(Stage.Jobs.Where(j => j.Id != "check"), job => Assert.Contains("check", job.Needs));
    }

    [Fact]
    public void Check_runs_the_builds_own_check_from_a_checkout_without_credentials_pulumi_or_policy_pack()
    {
        // The posture rules, the pr-<n> rule and the key-age bounds are the library's: check runs them, no shell copy.
        var check = Stage.Job("check");
        var uses = check.Steps.Where(s => s.Uses is not null).ToList();

        Assert.Equal(2, uses.Count);
        Assert.StartsWith("actions/checkout@", uses[0].Uses, StringComparison.Ordinal);
        Assert.Equal("false", uses[0].With["persist-credentials"]);
        Assert.Equal(CompositeAction.SetupReference, uses[1].Uses);
        Assert.Equal(new Dictionary<string, string> { ["pulumi"] = "false", ["policy-pack"] = "false" }, uses[1].With);
        var build = check.Steps.Single(s => s.RunsBuild);
        Assert.Equal("environments", build.Id);
        Assert.Contains("arguments=(CheckEnvironments --stack \"$STACK\" --operation \"$OPERATION\")", build.Run, StringComparison.Ordinal);
        Assert.Equal("${{ github.token }}", build.Env["GITHUB_TOKEN"]);
        Assert.All(check.Steps.Where(s => s.Uses is not null || s.RunsBuild), s => Assert.Equal("steps.changes.outputs.code != 'false'", s.If));
        Assert.DoesNotContain("MAX_KEY_AGE", build.Env.Keys);
        Assert.DoesNotContain("[1-9][0-9]", Stage.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("3650", Scalar(check.Steps.Single(s => s.Id == "request").Node, "run"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preview-create-role", new[] { "check" }, Proceed + " && inputs.operation == 'preview'")]
    [InlineData("destroy-assume-role", new[] { "check" }, Proceed + " && inputs.operation == 'destroy'")]
    [InlineData("create-role", new[] { "check", "destroy-assume-role" },
        "${{ !cancelled() && " + Proceed + " && inputs.operation != 'preview' && (inputs.operation != 'destroy' || (needs.destroy-assume-role.result == 'success' && needs.destroy-assume-role.outputs.skipped != 'true')) }}")]
    [InlineData("assume-role", new[] { "check", "create-role", "preview-create-role" },
        "${{ !cancelled() && ( " +
        "((inputs.operation == 'up' || inputs.operation == 'remediate') && needs.create-role.result == 'success') || " +
        "(inputs.operation == 'rotate' && needs.create-role.result == 'success' && needs.create-role.outputs.rotated == 'true') || " +
        "((inputs.operation == 'drift' || inputs.operation == 'refresh') && (needs.create-role.result == 'success' || needs.create-role.result == 'failure') && needs.create-role.outputs.assume-role-reachable != 'false') || " +
        "(inputs.operation == 'preview' && needs.check.outputs.trusted == 'true' && needs.preview-create-role.result == 'success')) }}")]
    public void Each_operation_runs_the_two_stacks_in_the_pipelines_order_and_only_when_check_lets_it(string job, string[] needs, string condition)
    {
        // preview: create-role read-only, then assume-role only for merged code; up, remediate: create-role,
        // then assume-role with the key it handed off; rotate: the same, unless no key was replaced; drift,
        // refresh: assume-role after create-role even when its check failed (each check stands alone, as in
        // the build's DriftPipeline, which stops a remediation only); destroy: assume-role first, while
        // create-role's key exists.
        Assert.Equal(needs, Stage.Job(job).Needs);
        Assert.Equal(condition, Stage.Job(job).If);
        Assert.DoesNotContain("always()", condition, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stage_keeps_one_job_per_identity_the_lifecycle_operations_add_none()
    {
        // One job per identity: the new operations add no job, they are routed inside the two existing ones.
        Assert.Equal(["check", "preview-create-role", "destroy-assume-role", "create-role", "assume-role"], Stage.Jobs.Select(j => j.Id));
    }

    [Fact]
    public void Drift_found_is_a_job_output_of_both_jobs_and_of_the_stage()
    {
        Assert.Equal("${{ steps.build.outputs.drift }}", Map(Mapping(Stage.Job("create-role").Node, "outputs"))["drift"]);
        Assert.Equal("${{ steps.build.outputs.drift }}", Map(Mapping(Stage.Job("assume-role").Node, "outputs"))["drift"]);
        Assert.Equal("build", BuildStep("assume-role").Id);
        var outputs = Mapping((YamlDotNet.RepresentationModel.YamlMappingNode)Stage.On["workflow_call"], "outputs")!;
        Assert.Equal("${{ jobs.create-role.outputs.drift == 'true' || jobs.assume-role.outputs.drift == 'true' }}", Scalar(Mapping(outputs, "drift")!, "value"));
    }

    [Fact]
    public void A_rotation_tells_the_unprivileged_job_whether_there_is_a_new_key_to_prove()
    {
        Assert.Equal("${{ steps.build.outputs.rotated }}", Map(Mapping(Stage.Job("create-role").Node, "outputs"))["rotated"]);
        Assert.Equal("${{ inputs.max-key-age }}", BuildStep("create-role").Env["MAX_KEY_AGE_DAYS"]);
        // Not the name NUKE binds to --max-key-age: an empty value must mean "rotate now", not a parse error.
        Assert.DoesNotContain("MAX_KEY_AGE", BuildStep("create-role").Env.Keys);
    }

    [Theory]
    [InlineData("create-role")]
    [InlineData("assume-role")]
    public void Each_drift_job_uploads_its_report_per_stack_and_project_even_when_the_check_failed(string job)
    {
        var steps = Stage.Job(job).Steps.ToList();
        var upload = Assert.Single(steps, s => s.Uses?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);

        Assert.True(steps.IndexOf(upload) > steps.IndexOf(BuildStep(job)), "the upload follows the build");
        Assert.Equal("always() && (inputs.operation == 'drift' || inputs.operation == 'refresh' || inputs.operation == 'remediate')", upload.If);
        Assert.Equal($"${{{{ needs.check.outputs.drift-artifact }}}}+{job}", upload.With["name"]);
        Assert.Equal("${{ runner.temp }}/drift-reports/", upload.With["path"]);
        Assert.Equal("${{ runner.temp }}/drift-reports", BuildStep(job).Env["DRIFT_REPORTS"]);
        Assert.Equal("true", upload.With["overwrite"]);
    }

    [Fact]
    public void Check_tells_the_jobs_whether_to_proceed_and_whether_the_code_is_merged()
    {
        var outputs = Map(Mapping(Stage.Job("check").Node, "outputs"));

        Assert.Equal("${{ steps.environments.outputs.ready == 'true' }}", outputs["proceed"]);
        Assert.Equal("${{ steps.request.outputs.trusted }}", outputs["trusted"]);
    }

    [Fact]
    public void Every_build_job_checks_out_without_credentials_then_runs_the_shared_setup()
    {
        Assert.Equal(4, BuildJobs.Count());
        Assert.All(BuildJobs, job =>
        {
            var uses = job.Steps.Select(s => s.Uses).OfType<string>().ToList();
            Assert.StartsWith("actions/checkout@", uses[0], StringComparison.Ordinal);
            Assert.Equal(CompositeAction.SetupReference, uses[1]);
            Assert.Empty(job.Steps.Single(s => s.Uses == CompositeAction.SetupReference).With);
        });
    }

    [Fact]
    public void Every_build_job_gets_the_stack_region_and_backend_and_its_build_step_the_state_secrets()
    {
        Assert.All(BuildJobs, job =>
        {
            Assert.Equal("${{ inputs.stack }}", job.Env["STACK"]);
            Assert.Equal("${{ vars.AWS_REGION }}", job.Env["AWS_REGION"]);
            Assert.Equal("${{ vars.PULUMI_BACKEND_URL }}", job.Env["PULUMI_BACKEND_URL"]);
            var build = job.Steps.Single(s => s.RunsBuild);
            Assert.Equal("${{ secrets.PULUMI_ACCESS_TOKEN }}", build.Env["PULUMI_ACCESS_TOKEN"]);
            Assert.Equal("${{ secrets.PULUMI_CONFIG_PASSPHRASE }}", build.Env["PULUMI_CONFIG_PASSPHRASE"]);
        });
    }

    [Fact]
    public void The_privileged_job_hands_the_new_access_key_id_to_the_unprivileged_one_as_an_output()
    {
        Assert.Equal("${{ steps.build.outputs.access-key-id }}", Map(Mapping(Stage.Job("create-role").Node, "outputs"))["access-key-id"]);
        Assert.Equal("build", BuildStep("create-role").Id);
        Assert.Equal("${{ needs.create-role.outputs.access-key-id }}", BuildStep("assume-role").Env["EXPECTED_ACCESS_KEY_ID"]);
    }

    [Fact]
    public void The_hand_off_goes_to_the_stacks_own_unprivileged_environment()
    {
        Assert.Equal("${{ inputs.unprivileged-environment }}", BuildStep("create-role").Env["UNPRIVILEGED_ENVIRONMENT"]);
    }

    [Fact]
    public void Destroy_passes_the_choice_about_a_non_empty_bucket_to_the_build()
    {
        Assert.Equal("${{ inputs.bucket-force-destroy }}", BuildStep("destroy-assume-role").Env["BUCKET_FORCE_DESTROY"]);
        Assert.StartsWith("arguments=(DestroyAssumeRole)", BuildStep("destroy-assume-role").Run, StringComparison.Ordinal);
        Assert.EndsWith("./build.sh \"${arguments[@]}\"\n", BuildStep("destroy-assume-role").Run, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preview_reports_assume_role_skipped_unless_the_code_is_merged_and_comments_on_the_pull_request()
    {
        var preview = BuildStep("preview-create-role");

        Assert.Equal("./build.sh PreviewCreateRole", preview.Run);
        Assert.Equal("${{ needs.check.outputs.trusted != 'true' }}", preview.Env["SKIP_ASSUME_ROLE_PREVIEW"]);
        Assert.Equal("${{ github.token }}", preview.Env["GITHUB_TOKEN"]);
        // The other jobs comment only for a review stack, whose run is a pull request's (README: Review stacks).
        Assert.All(BuildJobs, job => Assert.Equal("${{ github.token }}", job.Steps.Single(s => s.RunsBuild).Env["GITHUB_TOKEN"]));
    }

    [Fact]
    public void The_privileged_job_uses_oidc_when_a_role_is_set_and_the_static_keys_otherwise()
    {
        var aws = Stage.Job("create-role").Steps.Where(s => s.Uses?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true).ToList();

        var oidc = Assert.Single(aws, s => s.With.ContainsKey("role-to-assume"));
        var keys = Assert.Single(aws, s => s.With.ContainsKey("aws-access-key-id"));
        Assert.Equal("${{ vars.AWS_PRIVILEGED_ROLE_ARN }}", oidc.With["role-to-assume"]);
        Assert.Equal("vars.AWS_PRIVILEGED_ROLE_ARN != ''", oidc.If);
        Assert.Equal("vars.AWS_PRIVILEGED_ROLE_ARN == ''", keys.If);
        Assert.Equal("${{ secrets.AWS_PRIVILEGED_SECRET_ACCESS_KEY }}", keys.With["aws-secret-access-key"]);
        Assert.True(aws.IndexOf(oidc) < aws.IndexOf(keys));
    }

    [Fact]
    public void The_shared_setup_takes_dotnet_from_global_json_and_the_pulumi_cli_from_one_pinned_file()
    {
        var setup = CompositeAction.Load("setup");
        var dotnet = Assert.Single(setup.Steps, s => s.Uses?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true);
        var pulumi = Assert.Single(setup.Steps, s => s.Uses?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true);
        var version = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".pulumi.version"));

        Assert.Equal("composite", Scalar((YamlDotNet.RepresentationModel.YamlMappingNode)setup.Root["runs"], "using"));
        Assert.Equal("global.json", dotnet.With["global-json-file"]);
        Assert.Equal(new Dictionary<string, string> { ["pulumi-version-file"] = ".pulumi.version" }, pulumi.With);
        Assert.Matches(@"^3\.\d+\.\d+\n$", version);
    }

    [Fact]
    public void The_shared_setup_caches_nuget_and_nuke_temp_by_nukes_keys_and_the_plugins_by_the_aws_provider_version()
    {
        var steps = CompositeAction.Load("setup").Steps;
        var nuget = steps.Where(s => s.Uses?.StartsWith("actions/cache", StringComparison.Ordinal) == true && s.With["path"].Contains(".nuget", StringComparison.Ordinal)).ToList();
        var plugins = Assert.Single(steps, s => s.With.GetValueOrDefault("path") == "~/.pulumi/plugins");
        var pulumi = steps.ToList().FindIndex(s => s.Uses?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true);

        Assert.Equal(2, nuget.Count);
        Assert.All(nuget, s =>
        {
            Assert.Equal("~/.nuget/packages\n.nuke/temp\n", s.With["path"]);
            Assert.Equal("nuget-${{ runner.os }}-${{ hashFiles('**/global.json', '**/*.csproj', '**/Directory.Packages.props') }}", s.With["key"]);
        });
        Assert.Equal(["inputs.save-caches != 'true'", "inputs.save-caches == 'true'"], nuget.Select(s => s.If));
        Assert.StartsWith("actions/cache/restore@", nuget[0].Uses, StringComparison.Ordinal);
        Assert.Equal("pulumi-plugins-${{ runner.os }}-${{ runner.arch }}-aws-${{ steps.aws-provider.outputs.version }}", plugins.With["key"]);
        Assert.True(steps.ToList().IndexOf(plugins) < pulumi);
    }

    [Fact]
    public void The_shared_setup_keeps_the_pinned_cli_so_pulumi_actions_finds_it_on_path_and_downloads_nothing()
    {
        var steps = CompositeAction.Load("setup").Steps.ToList();
        var cli = steps.FindIndex(s => s.With.GetValueOrDefault("path") == "~/.pulumi/bin");
        var path = steps.FindIndex(s => s.Run == "echo \"$HOME/.pulumi/bin\" >>\"$GITHUB_PATH\"");
        var pulumi = steps.FindIndex(s => s.Uses?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true);

        Assert.Equal("pulumi-cli-${{ runner.os }}-${{ runner.arch }}-${{ hashFiles('.pulumi.version') }}", steps[cli].With["key"]);
        Assert.True(cli >= 0 && cli < path && path < pulumi, "cache, PATH, then pulumi/actions");
    }
}
