using AssumeRolePipeline.Pipeline.Reporting;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class DestroyTests
{
    private readonly PipelineFixture _fixture = new();

    public DestroyTests()
    {
        _fixture.Stacks.Deploy("create-role");
        _fixture.Stacks.Deploy("assume-role");
    }

    [Fact]
    public async Task Destroy_removes_assume_role_with_the_unprivileged_keys_first_then_create_role()
    {
        var run = await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal(
            [("assume-role", StackOperation.Destroy), ("create-role", StackOperation.Destroy)],
            _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        var assumeRole = _fixture.Stacks.Calls[0].Request;
        Assert.Equal(InMemoryStackOperator.AccessKeyId, assumeRole.Environment["AWS_ACCESS_KEY_ID"]);
        Assert.Null(assumeRole.Environment["AWS_SESSION_TOKEN"]);
        Assert.Equal(0, _fixture.Stacks.State("create-role").ResourceCount);
        Assert.Equal(0, _fixture.Stacks.State("assume-role").ResourceCount);
    }

    [Fact]
    public async Task Destroying_already_destroyed_stacks_succeeds_and_says_so()
    {
        await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);
        _fixture.Stacks.Calls.Clear();

        var again = await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.Empty(_fixture.Stacks.Calls);
        Assert.All(again.Reports, r =>
        {
            Assert.Equal(StackOutcome.Skipped, r.Outcome);
            Assert.StartsWith("already destroyed", r.Note, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Destroy_of_stacks_that_never_existed_succeeds()
    {
        var fresh = new PipelineFixture();

        var run = await fresh.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.All(run.Reports, r => Assert.Equal("already destroyed: the stack does not exist", r.Note));
    }

    [Fact]
    public async Task Create_role_is_not_destroyed_while_assume_role_has_resources()
    {
        var stage = await _fixture.Pipeline.DestroyCreateRoleAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        Assert.True(stage.Failed);
        Assert.Contains("assume-role/dev still has 3 resources", stage.Report.Note, StringComparison.Ordinal);
        Assert.Contains("--force", stage.Report.Note, StringComparison.Ordinal);
        Assert.Empty(_fixture.Stacks.Calls);
    }

    [Fact]
    public async Task Forced_destroy_of_create_role_proceeds_and_says_what_is_left_behind()
    {
        var stage = await _fixture.Pipeline.DestroyCreateRoleAsync(PipelineFixture.Settings, force: true, CancellationToken.None);

        Assert.False(stage.Failed);
        Assert.Equal([("create-role", StackOperation.Destroy)], _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        Assert.Contains("left behind", stage.Report.Note, StringComparison.Ordinal);
        Assert.Contains(_fixture.Output.Lines, l => l.StartsWith("warning: forced: assume-role/dev still has 3 resources", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_assume_role_destroy_keeps_create_role_so_it_can_be_retried()
    {
        _fixture.Stacks.Failures[("assume-role", StackOperation.Destroy)] =
            new Pipeline.Orchestration.StackOperationException(Pipeline.Orchestration.StackFailure.OperationFailed, "BucketNotEmpty: the bucket holds objects");

        var run = await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Contains("BucketNotEmpty", run.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Request.Project == "create-role");
        Assert.Equal(6, _fixture.Stacks.State("create-role").ResourceCount);
    }
}
