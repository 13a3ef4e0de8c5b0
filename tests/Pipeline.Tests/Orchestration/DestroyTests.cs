using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

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
    public async Task Create_roles_stage_does_not_destroy_by_another_door_than_DestroyCreateRoleAsync()
    {
        _fixture.Stacks.Deploy("create-role");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _fixture.Pipeline.RunCreateRoleAsync(PipelineFixture.Settings, StackOperation.Destroy, CancellationToken.None));

        Assert.Empty(_fixture.Stacks.Calls);
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
            new StackOperationException(StackFailure.OperationFailed, "BucketNotEmpty: the bucket holds objects");

        var run = await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Contains("BucketNotEmpty", run.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Request.Project == "create-role");
        Assert.Equal(6, _fixture.Stacks.State("create-role").ResourceCount);
    }

    [Fact]
    public async Task A_forced_destroy_goes_on_to_create_role_after_assume_roles_destroy_failed()
    {
        _fixture.Stacks.Failures[("assume-role", StackOperation.Destroy)] =
            new StackOperationException(StackFailure.OperationFailed, "BucketNotEmpty");

        var run = await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: true, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Equal(["assume-role", "create-role"], run.Reports.Select(r => r.Project));
        Assert.Contains(_fixture.Stacks.Calls, c => c is { Request.Project: "create-role", Operation: StackOperation.Destroy });
        Assert.Equal(0, _fixture.Stacks.State("create-role").ResourceCount);
    }

    [Fact]
    public async Task Create_role_is_kept_while_assume_role_holds_even_a_single_resource()
    {
        _fixture.Stacks.SetState("assume-role", new StackState(true, 1, ImmutableDictionary<string, StackOutputValue>.Empty));

        var stage = await _fixture.Pipeline.DestroyCreateRoleAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        Assert.True(stage.Failed);
        Assert.Contains("assume-role/dev still has 1 resources", stage.Report.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Request.Project == "create-role");
    }

    [Fact]
    public async Task Bucket_force_destroy_first_updates_the_bucket_then_destroys_it()
    {
        var settings = PipelineFixture.Settings with { BucketForceDestroy = true };

        var run = await _fixture.Pipeline.DestroyAsync(settings, force: false, CancellationToken.None);

        Assert.True(run.Succeeded);
        var assumeRole = _fixture.Stacks.Calls.Where(c => c.Request.Project == "assume-role").ToList();
        Assert.Equal([StackOperation.Preview, StackOperation.Up, StackOperation.Destroy], assumeRole.Select(c => c.Operation));
        Assert.All(assumeRole, c => Assert.Equal("true", c.Request.Config["assume-role:bucketForceDestroy"].Value));
    }

    [Fact]
    public async Task Without_bucket_force_destroy_the_bucket_keeps_its_objects_and_no_update_runs()
    {
        await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        var assumeRole = Assert.Single(_fixture.Stacks.Calls, c => c.Request.Project == "assume-role");
        Assert.Equal(StackOperation.Destroy, assumeRole.Operation);
        Assert.Equal("false", assumeRole.Request.Config["assume-role:bucketForceDestroy"].Value);
    }

    [Fact]
    public async Task A_failed_force_destroy_update_stops_before_the_destroy()
    {
        _fixture.Stacks.Failures[("assume-role", StackOperation.Up)] =
            new StackOperationException(StackFailure.OperationFailed, "error: AccessDenied");

        var run = await _fixture.Pipeline.DestroyAsync(PipelineFixture.Settings with { BucketForceDestroy = true }, force: false, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Equal(StackOperation.Destroy, run.Reports[0].Operation);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Operation == StackOperation.Destroy);
    }
}
