using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class FailureTests
{
    private readonly PipelineFixture _fixture = new();

    [Fact]
    public async Task A_concurrent_update_is_explained_and_stops_before_the_next_stage()
    {
        _fixture.Stacks.Failures[("create-role", StackOperation.Up)] =
            new StackOperationException(StackFailure.ConcurrentUpdate, "[409] Conflict: Another update is currently in progress.");

        var run = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Single(run.Stages);
        Assert.Contains("another update holds the lock of create-role/dev", run.Failure, StringComparison.Ordinal);
        Assert.Contains("pulumi cancel", run.Failure, StringComparison.Ordinal);
        Assert.Empty(_fixture.Readiness.Calls);
    }

    [Fact]
    public async Task A_missing_Pulumi_CLI_says_how_to_install_it()
    {
        _fixture.Stacks.Failures[("create-role", StackOperation.Preview)] =
            new StackOperationException(StackFailure.CliMissing, "Failed to start a process with file path 'pulumi'");

        var run = await _fixture.Pipeline.PreviewAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Contains("https://get.pulumi.com", run.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_IAM_never_accepts_fail_the_unprivileged_stage_without_running_it()
    {
        _fixture.Readiness.Refusal = "Gave up after 120s: the new access key was still refused (InvalidClientTokenId)";

        var run = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Equal(StackOutcome.Succeeded, run.Reports[0].Outcome);
        Assert.Equal(StackOutcome.Failed, run.Reports[1].Outcome);
        Assert.Equal("assume-role/dev: Gave up after 120s: the new access key was still refused (InvalidClientTokenId)", run.Failure);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Request.Project == "assume-role");
    }

    [Fact]
    public async Task A_failed_operation_reports_Pulumis_message_with_secrets_masked()
    {
        _fixture.Stacks.Failures[("assume-role", StackOperation.Up)] = new StackOperationException(
            StackFailure.OperationFailed, $"error: creating S3 Bucket: AccessDenied (key {InMemoryStackOperator.SecretAccessKey})");

        var run = await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Equal("assume-role/dev: up failed: creating S3 Bucket: AccessDenied (key ***). Pulumi's full output is above (and in the job summary's log).",
            run.Failure);
        Assert.Equal("error: creating S3 Bucket: AccessDenied (key ***)", run.Reports[1].Log);
    }

    [Fact]
    public async Task A_state_that_cannot_be_read_stops_destroy_with_Pulumis_text_withheld()
    {
        var failing = new ThrowingStateOperator(new StackOperationException(StackFailure.OperationFailed, "passphrase must be set"));
        var pipeline = new StackPipeline(failing, _fixture.Readiness, _fixture.Masker, _fixture.Output, TimeProvider.System);

        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(() => pipeline.DestroyAsync(PipelineFixture.Settings, false, CancellationToken.None));

        Assert.StartsWith("Could not read the state of create-role/dev. Pulumi's message is withheld", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("PULUMI_CONFIG_PASSPHRASE", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("pulumi stack ls --cwd stacks/CreateRole", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("passphrase must be set", thrown.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingStateOperator(StackOperationException failure) : IStackOperator
    {
        public Task<StackOperationResult> RunAsync(StackRequest request, StackOperation operation, CancellationToken cancellationToken) =>
            throw failure;

        public Task<StackState> GetStateAsync(StackRequest request, CancellationToken cancellationToken) => throw failure;

        public Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken) => throw failure;

        public Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken) => throw failure;
    }
}
