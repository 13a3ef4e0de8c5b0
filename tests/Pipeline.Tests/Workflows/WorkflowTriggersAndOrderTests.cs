using YamlDotNet.RepresentationModel;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

public sealed class WorkflowTriggersAndOrderTests
{
    private static readonly Workflow Ci = Load("ci.yml");
    private static readonly Workflow Preview = Load("preview.yml");
    private static readonly Workflow Deploy = Load("deploy.yml");
    private static readonly Workflow Destroy = Load("destroy.yml");

    private static IEnumerable<string> Triggers(Workflow workflow) => workflow.On.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!);

    [Fact]
    public void The_on_key_reads_as_the_string_on()
    {
        Assert.All(Names.Select(Load), w => Assert.True(w.Root.Children.ContainsKey(new YamlScalarNode("on")), w.Name));
    }

    [Fact]
    public void Ci_runs_on_every_push_and_pull_request()
    {
        Assert.Equal(["push", "pull_request"], Triggers(Ci));
        Assert.Contains(Ci.Jobs, j => j.Steps.Any(s => s.Run == "./build.sh Test"));
        Assert.Contains(Ci.Jobs, j => j.Steps.Any(s => s.Run == ".ci/lint/run"));
    }

    [Fact]
    public void Preview_runs_on_pull_requests_only_never_pull_request_target()
    {
        Assert.Equal(["pull_request"], Triggers(Preview));
        Assert.All(Names.Select(Load), w => Assert.DoesNotContain("pull_request_target", w.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_runs_on_pushes_to_main_and_by_hand()
    {
        Assert.Equal(["push", "workflow_dispatch"], Triggers(Deploy));
        var branches = (YamlSequenceNode)((YamlMappingNode)Deploy.On["push"])["branches"];
        Assert.Equal(["main"], branches.Children.Cast<YamlScalarNode>().Select(b => b.Value));
    }

    [Fact]
    public void Destroy_runs_only_by_hand_with_a_required_confirm_input()
    {
        Assert.Equal(["workflow_dispatch"], Triggers(Destroy));
        var confirm = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Destroy.On["workflow_dispatch"])["inputs"])["confirm"];
        Assert.Equal("true", Scalar(confirm, "required"));
        Assert.Equal("string", Scalar(confirm, "type"));
    }

    [Theory]
    [InlineData("preview.yml", "preview-assume-role", "preview-create-role")]
    [InlineData("deploy.yml", "deploy-assume-role", "deploy-create-role")]
    [InlineData("destroy.yml", "destroy-assume-role", "confirm")]
    [InlineData("destroy.yml", "destroy-create-role", "destroy-assume-role")]
    public void Jobs_run_in_the_pipelines_order(string workflow, string job, string after)
    {
        var needs = Load(workflow).Job(job).Needs;

        Assert.Equal([after], needs);
        Assert.DoesNotContain("always()", Load(workflow).Job(job).If ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preview.yml", "preview-create-role", "aws-privileged")]
    [InlineData("preview.yml", "preview-assume-role", "aws-unprivileged")]
    [InlineData("deploy.yml", "deploy-create-role", "aws-privileged")]
    [InlineData("deploy.yml", "deploy-assume-role", "aws-unprivileged")]
    [InlineData("destroy.yml", "destroy-assume-role", "aws-unprivileged")]
    [InlineData("destroy.yml", "destroy-create-role", "aws-privileged")]
    public void Each_stack_job_runs_in_its_environment(string workflow, string job, string environment)
    {
        Assert.Equal(environment, Load(workflow).Job(job).Environment);
    }

    [Fact]
    public void Only_the_stack_jobs_reference_an_environment()
    {
        var withEnvironment = Names.Select(Load).SelectMany(w => w.Jobs.Where(j => j.Environment is not null).Select(j => j.Id));

        Assert.Equal(
            ["preview-create-role", "preview-assume-role", "deploy-create-role", "deploy-assume-role", "destroy-assume-role", "destroy-create-role"],
            withEnvironment);
    }

    [Fact]
    public void A_pull_request_without_secrets_gets_the_notice_instead_of_the_previews()
    {
        const string sameRepository = "github.event.pull_request.head.repo.full_name == github.repository";
        const string fork = "github.event.pull_request.head.repo.full_name != github.repository";

        Assert.Contains(sameRepository, Preview.Job("preview-create-role").If, StringComparison.Ordinal);
        Assert.Contains("github.actor != 'dependabot[bot]'", Preview.Job("preview-create-role").If, StringComparison.Ordinal);
        Assert.Contains(fork, Preview.Job("no-secrets-notice").If, StringComparison.Ordinal);
        Assert.Contains("github.actor == 'dependabot[bot]'", Preview.Job("no-secrets-notice").If, StringComparison.Ordinal);
        // Skipped with the job it needs: a fork's run has nothing failed, so the workflow stays green.
        Assert.Null(Preview.Job("preview-assume-role").If);
    }

    [Fact]
    public void Previews_of_one_pull_request_cancel_older_ones()
    {
        var concurrency = Mapping(Preview.Root, "concurrency")!;

        Assert.Equal("preview-${{ github.event.pull_request.number }}", Scalar(concurrency, "group"));
        Assert.Equal("true", Scalar(concurrency, "cancel-in-progress"));
    }

    [Fact]
    public void Deploy_and_destroy_share_one_group_and_never_cancel_a_running_update()
    {
        var deploy = Mapping(Deploy.Root, "concurrency")!;
        var destroy = Mapping(Destroy.Root, "concurrency")!;

        Assert.Equal(Scalar(deploy, "group"), Scalar(destroy, "group"));
        Assert.Contains("vars.PULUMI_STACK", Scalar(deploy, "group"), StringComparison.Ordinal);
        Assert.Equal("false", Scalar(deploy, "cancel-in-progress"));
        Assert.Equal("false", Scalar(destroy, "cancel-in-progress"));
    }

    [Fact]
    public void The_privileged_deploy_job_hands_the_new_access_key_id_to_the_next_job_as_an_output()
    {
        var createRole = Deploy.Job("deploy-create-role");
        var output = Map(Mapping(createRole.Node, "outputs"))["access-key-id"];
        var up = createRole.Steps.Single(s => s.Id == "up");

        Assert.Equal("${{ steps.up.outputs.access-key-id }}", output);
        Assert.Equal("./build.sh UpCreateRole HandOff", up.Run);
        Assert.Equal(
            "${{ needs.deploy-create-role.outputs.access-key-id }}",
            Deploy.Job("deploy-assume-role").Steps.Single(s => s.RunsBuild).Env["EXPECTED_ACCESS_KEY_ID"]);
    }

    [Theory]
    [InlineData("preview.yml", "preview-create-role", "./build.sh PreviewCreateRole")]
    [InlineData("preview.yml", "preview-assume-role", "./build.sh PreviewAssumeRole")]
    [InlineData("deploy.yml", "deploy-assume-role", "./build.sh UpAssumeRole")]
    [InlineData("destroy.yml", "destroy-assume-role", "./build.sh DestroyAssumeRole")]
    [InlineData("destroy.yml", "destroy-create-role", "./build.sh DestroyCreateRole RemoveHandOff")]
    public void Each_stack_job_runs_its_build_target(string workflow, string job, string command)
    {
        Assert.Equal(command, Load(workflow).Job(job).Steps.Single(s => s.RunsBuild).Run);
    }

    [Fact]
    public void Every_build_step_gets_the_pulumi_and_aws_settings()
    {
        var buildSteps = Names.Select(Load).SelectMany(w => w.Jobs.Where(j => j.Environment is not null)).SelectMany(j => j.Steps.Where(s => s.RunsBuild)).ToList();

        Assert.Equal(6, buildSteps.Count);
        Assert.All(buildSteps, step =>
        {
            Assert.Equal("${{ vars.PULUMI_BACKEND_URL }}", step.Env["PULUMI_BACKEND_URL"]);
            Assert.Equal("${{ secrets.PULUMI_ACCESS_TOKEN }}", step.Env["PULUMI_ACCESS_TOKEN"]);
            Assert.Equal("${{ secrets.PULUMI_CONFIG_PASSPHRASE }}", step.Env["PULUMI_CONFIG_PASSPHRASE"]);
            Assert.Equal("${{ vars.AWS_REGION }}", step.Env["AWS_REGION"]);
            Assert.Equal("${{ vars.PULUMI_STACK || 'dev' }}", step.Env["STACK"]);
        });
    }

    [Fact]
    public void The_preview_jobs_get_a_token_for_the_pr_comment()
    {
        Assert.All(Preview.Jobs.Where(j => j.Environment is not null), job =>
            Assert.Equal("${{ github.token }}", job.Steps.Single(s => s.RunsBuild).Env["GITHUB_TOKEN"]));
    }

    [Fact]
    public void Every_stack_job_installs_the_pulumi_cli_without_running_a_command()
    {
        Assert.All(Names.Select(Load).SelectMany(w => w.Jobs.Where(j => j.Environment is not null)), job =>
        {
            var pulumi = job.Steps.Single(s => s.Uses?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true);
            Assert.False(pulumi.With.ContainsKey("command"), job.Id);
        });
    }

    [Fact]
    public void Privileged_jobs_use_oidc_when_a_role_is_set_and_the_static_keys_otherwise()
    {
        var privileged = Names.Select(Load).SelectMany(w => w.Jobs.Where(j => j.Environment == "aws-privileged")).ToList();

        Assert.Equal(3, privileged.Count);
        Assert.All(privileged, job =>
        {
            var aws = job.Steps.Where(s => s.Uses?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true).ToList();
            var oidc = Assert.Single(aws, s => s.With.ContainsKey("role-to-assume"));
            var keys = Assert.Single(aws, s => s.With.ContainsKey("aws-access-key-id"));
            Assert.Equal("${{ vars.AWS_PRIVILEGED_ROLE_ARN }}", oidc.With["role-to-assume"]);
            Assert.Equal("vars.AWS_PRIVILEGED_ROLE_ARN != ''", oidc.If);
            Assert.Equal("vars.AWS_PRIVILEGED_ROLE_ARN == ''", keys.If);
            Assert.Equal("${{ secrets.AWS_PRIVILEGED_SECRET_ACCESS_KEY }}", keys.With["aws-secret-access-key"]);
        });
    }
}
