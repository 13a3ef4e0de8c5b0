using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Drift;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

public sealed class DriftPipelineTests
{
    private readonly DriftFixture _fixture = new();

    private Task<PipelineRun> Run(StackOperation operation) =>
        _fixture.Pipeline.RunAsync(PipelineFixture.Settings, operation, CancellationToken.None);

    [Fact]
    public async Task Without_drift_both_stacks_are_checked_each_with_its_identity_and_the_exit_code_is_0()
    {
        var run = await Run(StackOperation.Drift);

        Assert.True(run.Succeeded);
        Assert.False(run.HasDrift);
        Assert.Null(DriftExitCodes.For(run)); // the build ends with its own 0
        Assert.Equal([("create-role", StackOperation.Drift), ("assume-role", StackOperation.Drift)],
            _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        Assert.False(_fixture.Stacks.Calls[0].Request.Environment.ContainsKey("AWS_ACCESS_KEY_ID"));
        Assert.All(run.Reports, r => Assert.Equal(StackOutcome.Succeeded, r.Outcome));
    }

    [Fact]
    public async Task The_assume_role_check_runs_with_only_the_handed_off_key_after_the_IAM_wait()
    {
        var stage = await _fixture.Pipeline.RunAssumeRoleAsync(PipelineFixture.Settings, StackOperation.Drift, PipelineFixture.Credentials,
            CancellationToken.None);

        Assert.Equal(StackOutcome.Succeeded, stage.Report.Outcome);
        Assert.NotNull(stage.Readiness);
        Assert.Equal(PipelineFixture.Credentials, Assert.Single(_fixture.Readiness.Calls).Credentials);
        var environment = Assert.Single(_fixture.Stacks.Calls).Request.Environment;
        Assert.Equal(InMemoryStackOperator.AccessKeyId, environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(InMemoryStackOperator.SecretAccessKey, environment["AWS_SECRET_ACCESS_KEY"]);
        Assert.Null(environment["AWS_SESSION_TOKEN"]);
        Assert.Null(environment["AWS_PROFILE"]);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Request.Project == "create-role");
    }

    [Fact]
    public async Task Drift_is_reported_per_stack_with_what_happened_and_the_exit_code_is_2()
    {
        _fixture.Drift("assume-role", RefreshEvent.RefreshWithDiff("assume-role", DriftFixture.Bucket, "bucket", "tags.Owner", "forceDestroy"));
        _fixture.Drift("create-role", RefreshEvent.ResultOp("Update", "create-role", "aws:iam/rolePolicy:RolePolicy", "allow-s3-management-policy", "policy"));

        var run = await Run(StackOperation.Drift);

        Assert.True(run.Succeeded);
        Assert.Equal(DriftExitCodes.DriftFound, DriftExitCodes.For(run));
        var policy = Assert.Single(run.Reports[0].Findings.Resources);
        Assert.Equal(("allow-s3-management-policy", DriftKind.ChangedOutOfBand), (policy.Name, policy.Kind));
        var bucket = Assert.Single(run.Reports[1].Findings.Resources);
        Assert.Equal<string>(["forceDestroy", "tags.Owner"], bucket.Properties);
    }

    [Fact]
    public async Task A_drift_check_changes_nothing_a_second_check_finds_the_same()
    {
        _fixture.Drift("assume-role", RefreshEvent.ResultOp("Delete", "assume-role", DriftFixture.Bucket, "bucket"));

        await Run(StackOperation.Drift);
        var again = await Run(StackOperation.Drift);

        Assert.Equal(DriftKind.DeletedOutOfBand, Assert.Single(again.Reports[1].Findings.Resources).Kind);
        Assert.Equal(3, _fixture.Stacks.State("assume-role").ResourceCount);
    }

    [Fact]
    public async Task A_check_that_fails_is_an_error_not_drift_and_the_other_stack_is_still_checked()
    {
        _fixture.Stacks.Failures[("create-role", StackOperation.Drift)] = new StackOperationException(StackFailure.OperationFailed, "error: throttled");
        _fixture.Drift("assume-role", RefreshEvent.ResultOp("Delete", "assume-role", DriftFixture.Bucket, "bucket"));

        var run = await Run(StackOperation.Drift);

        Assert.False(run.Succeeded);
        Assert.Contains("create-role/dev: drift failed: throttled", run.Failure, StringComparison.Ordinal);
        Assert.True(run.Reports[1].Findings.HasDrift);
        Assert.Throws<InvalidOperationException>(() => DriftExitCodes.For(run));
    }

    [Fact]
    public async Task When_create_roles_access_key_was_deleted_assume_role_is_skipped_with_the_reason()
    {
        _fixture.Drift("create-role", RefreshEvent.RefreshGone("create-role", DriftFixture.AccessKey, "unprivileged-user-key"));

        var run = await Run(StackOperation.Drift);

        Assert.Equal(DriftExitCodes.DriftFound, DriftExitCodes.For(run));
        Assert.Equal(StackOutcome.Skipped, run.Reports[1].Outcome);
        Assert.Contains("AccessKey 'unprivileged-user-key' of create-role/dev was deleted out of band", run.Reports[1].Note, StringComparison.Ordinal);
        Assert.Empty(_fixture.Readiness.Calls);
    }

    [Fact]
    public async Task A_CI_job_learns_from_create_roles_check_alone_whether_assume_role_is_reachable()
    {
        var clean = await Run(StackOperation.Drift);
        Assert.Null(DriftPipeline.UnreachableBecause(clean.Reports[0]));

        _fixture.Drift("create-role", RefreshEvent.RefreshGone("create-role", DriftFixture.AccessKey, "unprivileged-user-key"));
        var gone = await Run(StackOperation.Drift);

        Assert.Equal("AccessKey 'unprivileged-user-key'", DriftPipeline.UnreachableBecause(gone.Reports[0]));
    }

    [Fact]
    public async Task Stacks_that_were_never_deployed_are_skipped_and_that_is_no_drift()
    {
        var fixture = new DriftFixture(deployed: false);

        var run = await fixture.Pipeline.RunAsync(PipelineFixture.Settings, StackOperation.Drift, CancellationToken.None);

        Assert.All(run.Reports, r => Assert.Equal(StackOutcome.Skipped, r.Outcome));
        Assert.Null(DriftExitCodes.For(run)); // the build ends with its own 0
        Assert.Empty(fixture.Stacks.Calls);
    }

    [Fact]
    public async Task An_assume_role_stack_with_resources_but_no_credentials_fails_saying_what_to_do()
    {
        var stage = await _fixture.Pipeline.RunAssumeRoleAsync(PipelineFixture.Settings, StackOperation.Drift, credentials: null, CancellationToken.None);

        Assert.Equal(StackOutcome.Failed, stage.Report.Outcome);
        Assert.Contains("no unprivileged credentials", stage.Report.Note, StringComparison.Ordinal);
        Assert.Empty(_fixture.Stacks.Calls);
    }

    [Fact]
    public async Task Refresh_adopts_the_drift_into_the_state_so_the_next_check_finds_none_and_exits_0()
    {
        _fixture.Drift("create-role", RefreshEvent.RefreshWithDiff("create-role", "aws:iam/user:User", "unprivileged-user", "tags.Owner"));

        var refresh = await Run(StackOperation.Refresh);
        var check = await Run(StackOperation.Drift);

        Assert.True(refresh.Reports[0].Findings.HasDrift);
        Assert.Null(DriftExitCodes.For(refresh)); // the build ends with its own 0
        Assert.False(check.HasDrift);
    }

    [Fact]
    public async Task Remediate_changes_the_cloud_back_and_hands_the_restored_key_to_assume_role()
    {
        _fixture.Drift("create-role", RefreshEvent.RefreshGone("create-role", DriftFixture.AccessKey, "unprivileged-user-key"));
        _fixture.Stacks.CreateRoleSecret = "a-new-secret-for-the-re-created-key";

        var run = await Run(StackOperation.Remediate);

        Assert.True(run.Succeeded);
        var change = Assert.Single(run.Reports[0].Changes);
        Assert.Equal((ChangeKind.Create, "unprivileged-user-key"), (change.Kind, change.Name));
        var assumeRoleUpdate = _fixture.Stacks.Calls.Last(c => c.Request.Project == "assume-role");
        Assert.Equal(StackOperation.Remediate, assumeRoleUpdate.Operation);
        Assert.Equal("a-new-secret-for-the-re-created-key", assumeRoleUpdate.Request.Environment["AWS_SECRET_ACCESS_KEY"]);
        Assert.False((await Run(StackOperation.Drift)).HasDrift);
    }

    [Fact]
    public async Task A_remediation_stops_after_a_failed_create_role()
    {
        _fixture.Stacks.Failures[("create-role", StackOperation.Remediate)] = new StackOperationException(StackFailure.OperationFailed, "error: AccessDenied");

        var run = await Run(StackOperation.Remediate);

        Assert.False(run.Succeeded);
        Assert.Single(run.Stages);
        // A remediation is an update: previewed first (with the policy pack and the IAM review), then run.
        Assert.Equal([StackOperation.Preview, StackOperation.Remediate], _fixture.Stacks.Calls.Select(c => c.Operation));
    }

    [Fact]
    public async Task Only_drift_operations_are_accepted()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _fixture.Pipeline.RunCreateRoleAsync(PipelineFixture.Settings, StackOperation.Up, CancellationToken.None));
        Assert.Empty(_fixture.Stacks.Calls);
    }
}
