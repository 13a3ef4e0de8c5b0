using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;
using Microsoft.Extensions.Time.Testing;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class UpTests
{
    private readonly PipelineFixture _fixture = new();

    [Fact]
    public async Task Up_previews_then_deploys_create_role_then_waits_for_IAM_then_previews_and_deploys_assume_role()
    {
        var run = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal(
            [
                ("create-role", StackOperation.Preview), ("create-role", StackOperation.Up),
                ("assume-role", StackOperation.Preview), ("assume-role", StackOperation.Up),
            ],
            _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        Assert.Single(_fixture.Readiness.Calls);
        var progress = _fixture.Output.Lines.Where(l => l.StartsWith("progress:", StringComparison.Ordinal)).ToList();
        Assert.True(progress.FindIndex(l => l.Contains("IAM is ready", StringComparison.Ordinal)) >
                    progress.FindIndex(l => l.Contains("Up create-role/dev", StringComparison.Ordinal)));
        Assert.True(progress.FindIndex(l => l.Contains("Up assume-role/dev", StringComparison.Ordinal)) >
                    progress.FindIndex(l => l.Contains("IAM is ready", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_role_gets_the_user_name_and_region_and_the_callers_own_identity()
    {
        await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        var createRole = _fixture.Stacks.Calls[0].Request;
        Assert.Equal("assume-role-pipeline-dev", createRole.Config["create-role:unprivilegedUsername"].Value);
        Assert.Equal("us-east-1", createRole.Config["aws:region"].Value);
        Assert.Equal("/repo/stacks/CreateRole", createRole.WorkDir.Replace('\\', '/'));
        Assert.DoesNotContain(createRole.Environment.Keys, k => k.StartsWith("AWS_", StringComparison.Ordinal));
        Assert.Equal("file:///repo/.pulumi-state", createRole.Environment["PULUMI_BACKEND_URL"]);
    }

    [Fact]
    public async Task Create_role_outputs_reach_assume_role_config_and_environment()
    {
        await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        var assumeRole = _fixture.Stacks.Calls[3].Request;
        Assert.Equal(InMemoryStackOperator.RoleArn, assumeRole.Config["assume-role:roleToAssumeARN"].Value);
        Assert.Equal("us-east-1", assumeRole.Config["aws:region"].Value);
        Assert.Equal(InMemoryStackOperator.AccessKeyId, assumeRole.Environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(InMemoryStackOperator.SecretAccessKey, assumeRole.Environment["AWS_SECRET_ACCESS_KEY"]);
        Assert.Equal("file:///repo/.pulumi-state", assumeRole.Environment["PULUMI_BACKEND_URL"]);
        var (credentials, target) = Assert.Single(_fixture.Readiness.Calls);
        Assert.Equal(PipelineFixture.Credentials, credentials);
        Assert.Equal(new("us-east-1", InMemoryStackOperator.RoleArn, "assume-role-dev"), target);
    }

    [Fact]
    public async Task Up_reports_each_stack_with_non_secret_outputs()
    {
        var run = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        var createRole = run.Reports[0];
        Assert.Equal(5, createRole.Count(ChangeKind.Create));
        Assert.Contains(createRole.Outputs, o => o is { Name: "roleArn", Value: InMemoryStackOperator.RoleArn });
        var secret = Assert.Single(createRole.Outputs, o => o.Name == "secretAccessKey");
        Assert.Null(secret.Value);
        Assert.Equal("[secret]", secret.Display);
        Assert.Contains(run.Reports[1].Outputs, o => o is { Name: "bucketName", Value: "bucket-9f8e7d" });
    }

    [Fact]
    public async Task Each_stage_reports_the_time_its_operation_took_on_the_clock()
    {
        var clock = new FakeTimeProvider();
        var took = new Dictionary<string, TimeSpan> { ["create-role"] = TimeSpan.FromSeconds(41), ["assume-role"] = TimeSpan.FromSeconds(7.5) };
        _fixture.Stacks.Before = (request, _, _) =>
        {
            clock.Advance(took[request.Project]);
            return Task.CompletedTask;
        };
        var pipeline = new StackPipeline(_fixture.Stacks, _fixture.Readiness, _fixture.Masker, _fixture.Output, clock);

        var run = await pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.Equal(took["create-role"], run.Reports[0].Duration);
        Assert.Equal(took["assume-role"], run.Reports[1].Duration);
        // The IAM wait is the readiness check's own measurement, passed on as it is.
        Assert.Same(_fixture.Readiness.LastResult, run.Stages[1].Readiness);
    }

    [Fact]
    public async Task Up_asks_the_stacks_for_four_operations_a_preview_and_an_update_each_and_reads_no_state()
    {
        // Each operator call starts the Pulumi CLI (README, "Performance"): an Up needs exactly these four, each update
        // after the preview (with the policy pack) that let it run.
        var run = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal(4, _fixture.Stacks.OperatorCalls);
        Assert.Empty(_fixture.Stacks.StateReads);
    }

    [Fact]
    public async Task Every_operation_and_state_read_carries_the_runs_update_message()
    {
        var settings = PipelineFixture.Settings with { UpdateMessage = "Deploy at 3f2a1b9c0d1e: https://github.com/o/r/actions/runs/9" };

        await _fixture.Pipeline.UpAsync(settings, CancellationToken.None);
        await _fixture.Pipeline.PreviewAsync(settings, CancellationToken.None);
        await _fixture.Pipeline.DestroyAsync(settings, force: false, CancellationToken.None);

        Assert.Equal(8, _fixture.Stacks.Calls.Count); // Up: a preview and an update per stack; Preview: one each; Destroy: one each
        Assert.All(_fixture.Stacks.Calls, c => Assert.Equal(settings.UpdateMessage, c.Request.Message));
        Assert.All(_fixture.Stacks.StateReads, r => Assert.Equal(settings.UpdateMessage, r.Message));
    }

    [Fact]
    public async Task Running_up_again_changes_nothing_and_asks_the_same()
    {
        await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);
        var first = _fixture.Stacks.Calls.ToList();
        _fixture.Stacks.Calls.Clear();

        var again = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.All(again.Reports, r => Assert.False(r.HasChanges));
        Assert.Equal(first.Select(c => (c.Request.Project, c.Operation)), _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        Assert.Equal(first[3].Request.Config, _fixture.Stacks.Calls[3].Request.Config);
    }

    [Fact]
    public async Task The_secret_key_is_masked_in_pulumi_output_reports_and_progress()
    {
        _fixture.Stacks.EchoLine = $"debug: secret is {InMemoryStackOperator.SecretAccessKey}";

        var run = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.NotEmpty(_fixture.Output.Lines);
        Assert.All(_fixture.Output.Lines, l => Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, l, StringComparison.Ordinal));
        Assert.Contains("pulumi: debug: secret is ***", _fixture.Output.Lines);
        Assert.All(run.Reports, r => Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, r.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unprivileged_stage_refuses_malformed_handed_off_credentials_before_any_call()
    {
        var bad = PipelineFixture.Credentials with { RoleArn = "arn:aws:iam::123456789012:user/not-a-role" };

        var thrown = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _fixture.Pipeline.RunAssumeRoleAsync(PipelineFixture.Settings, StackOperation.Up, bad, CancellationToken.None));

        Assert.Contains("handed-off role ARN 'arn:aws:iam::123456789012:user/not-a-role'", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Stacks.Calls);
        Assert.Empty(_fixture.Readiness.Calls);
    }

    [Fact]
    public async Task Unprivileged_stage_refuses_a_region_outside_the_roles_partition()
    {
        var settings = PipelineFixture.Settings with { Region = "cn-north-1" };

        await Assert.ThrowsAsync<InvalidInputException>(() =>
            _fixture.Pipeline.RunAssumeRoleAsync(settings, StackOperation.Up, PipelineFixture.Credentials, CancellationToken.None));

        Assert.Empty(_fixture.Stacks.Calls);
    }

    [Fact]
    public async Task Optional_external_id_and_session_duration_reach_both_assume_role_and_the_readiness_check()
    {
        var settings = PipelineFixture.Settings with { ExternalId = "PulumiApplication", SessionDuration = "30m" };

        await _fixture.Pipeline.UpAsync(settings, CancellationToken.None);

        var config = _fixture.Stacks.Calls.Last(c => c.Request.Project == "assume-role").Request.Config;
        Assert.Equal("PulumiApplication", config[AssumeRoleContract.FullKey(AssumeRoleContract.ExternalIdKey)].Value);
        Assert.Equal("30m", config[AssumeRoleContract.FullKey(AssumeRoleContract.SessionDurationKey)].Value);
        Assert.Equal("PulumiApplication", _fixture.Readiness.Calls[0].Target.ExternalId);
    }

    [Fact]
    public async Task A_lone_unprivileged_stage_finds_the_credentials_create_role_exports()
    {
        Assert.Null(await _fixture.Pipeline.CurrentCredentialsAsync(PipelineFixture.Settings, CancellationToken.None));
        _fixture.Stacks.Deploy("create-role");

        var credentials = await _fixture.Pipeline.CurrentCredentialsAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.Equal(PipelineFixture.Credentials, credentials);
        Assert.Equal("***", _fixture.Masker.Redact(InMemoryStackOperator.SecretAccessKey));
    }
}
