using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Rotation;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Microsoft.Extensions.Time.Testing;

namespace AssumeRolePipeline.Pipeline.Tests.Rotation;

public sealed class KeyRotationTests
{
    private const string OldKey = InMemoryStackOperator.AccessKeyId;
    private const string NewKey = InMemoryStackOperator.ReplacedAccessKeyId;
    private const string Urn = "urn:pulumi:dev::create-role::aws:iam/accessKey:AccessKey::unprivileged-user-key";

    private readonly PipelineFixture _fixture = new();
    private readonly FakeKeyVerifier _verifier = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-20T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly List<string> _timeline = [];

    public KeyRotationTests()
    {
        _fixture.Stacks.Deploy(CreateRoleContract.ProjectName);
        _fixture.Stacks.Deploy(AssumeRoleContract.ProjectName);
        _fixture.Stacks.Before = (request, operation, _) =>
        {
            _timeline.Add($"{operation} {request.Project}{(request.Replace.IsEmpty ? "" : " replacing " + string.Join(",", request.Replace))}");
            return Task.CompletedTask;
        };
        _fixture.Readiness.OnWait = credentials => _timeline.Add($"readiness with {credentials.AccessKeyId}");
        _verifier.OnVerify = credentials => _timeline.Add($"verify with {credentials.AccessKeyId}");
    }

    private KeyRotation Rotation(IStackOperator? stacks = null) =>
        new(stacks ?? _fixture.Stacks, _fixture.Readiness, _verifier, _fixture.Masker, _fixture.Output, _clock);

    private static string Note(KeyRotationRun run) => run.Run.Stages.Single(s => s.Failed).Report.Note!;

    [Fact]
    public async Task Rotation_replaces_the_key_then_waits_verifies_and_previews_with_the_new_key_only()
    {
        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.True(run.Succeeded, run.Run.Failure);
        Assert.True(run.Replaced);
        Assert.Null(run.StoppedAt);
        Assert.Equal(
            [$"Up create-role replacing {Urn}", $"readiness with {NewKey}", $"verify with {NewKey}", "Preview assume-role"],
            _timeline);
        var preview = _fixture.Stacks.Calls[^1].Request;
        Assert.Equal(NewKey, preview.Environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(InMemoryStackOperator.ReplacedSecretAccessKey, preview.Environment["AWS_SECRET_ACCESS_KEY"]);
        Assert.Equal(1, run.Run.Reports[0].Count(ChangeKind.Replace));
        Assert.Contains(run.Run.Reports[0].Outputs, o => o is { Name: "accessKeyId", Value: NewKey });
        Assert.True(run.Verification!.Proven);
        Assert.Equal(NewKey, run.Credentials!.AccessKeyId);
    }

    [Fact]
    public async Task A_qualified_stack_name_is_replaced_by_the_URN_of_its_own_name()
    {
        var settings = PipelineFixture.Settings with { Stack = "acme/dev" };

        await Rotation().ReplaceKeyAsync(settings, maxKeyAge: null, CancellationToken.None);

        var update = Assert.Single(_fixture.Stacks.Calls);
        Assert.Equal(Urn, Assert.Single(update.Request.Replace));
    }

    [Fact]
    public async Task The_privileged_side_replaces_and_stops_there_for_the_hand_off()
    {
        var run = await Rotation().ReplaceKeyAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.True(run.Replaced);
        Assert.Equal([$"Up create-role replacing {Urn}"], _timeline);
        Assert.Equal(new UnprivilegedCredentials(InMemoryStackOperator.RoleArn, NewKey, InMemoryStackOperator.ReplacedSecretAccessKey), run.Credentials);
        Assert.Contains(_fixture.Output.Lines, l => l == $"progress: Replaced the access key: create-role now exports {NewKey}; {OldKey} is deleted.");
    }

    [Fact]
    public async Task The_unprivileged_side_waits_verifies_and_previews_with_the_handed_off_key_and_touches_no_create_role()
    {
        var handedOff = new UnprivilegedCredentials(InMemoryStackOperator.RoleArn, NewKey, InMemoryStackOperator.ReplacedSecretAccessKey);

        var run = await Rotation().CheckNewKeyAsync(PipelineFixture.Settings, handedOff, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal([$"readiness with {NewKey}", $"verify with {NewKey}", "Preview assume-role"], _timeline);
        Assert.Equal(_fixture.Readiness.LastResult, run.Run.Stages.Single().Readiness);
    }

    [Fact]
    public async Task A_failed_replacement_stops_before_anything_runs_with_a_key_and_says_what_the_next_run_does()
    {
        _fixture.Stacks.Failures[(CreateRoleContract.ProjectName, StackOperation.Up)] = new StackOperationException(
            StackFailure.OperationFailed, "code: 255\nstdout: \n    error: deleting IAM Access Key: ServiceFailure: try again\nstderr: \n");

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(RotationStep.Replace, run.StoppedAt);
        Assert.False(run.Replaced);
        Assert.Empty(_fixture.Readiness.Calls);
        Assert.Empty(_verifier.Calls);
        var note = Note(run);
        Assert.StartsWith("Key rotation of dev stopped while replacing the key (create-role's update): up failed: deleting IAM Access Key: ServiceFailure", note, StringComparison.Ordinal);
        Assert.Contains("Nothing was handed off or verified.", note, StringComparison.Ordinal);
        Assert.Contains("The next RotateKey replaces the key again; UpCreateRole (or Up) only completes what is pending.", note, StringComparison.Ordinal);
        Assert.StartsWith("create-role/dev: Key rotation of dev stopped", run.Run.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IAMs_two_key_limit_is_explained_with_the_user_and_the_key_to_keep()
    {
        _fixture.Stacks.Failures[(CreateRoleContract.ProjectName, StackOperation.Up)] = new StackOperationException(StackFailure.OperationFailed,
            "code: 255\nstdout: \n    error: 1 error occurred:\n    * creating IAM Access Key (assume-role-pipeline-dev): operation error IAM: " +
            "CreateAccessKey, https response error StatusCode: 409, LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2\nstderr: \n");

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(RotationStep.Replace, run.StoppedAt);
        var note = Note(run);
        Assert.Contains("IAM refused a new access key for the user assume-role-pipeline-dev (LimitExceeded: AccessKeysPerUser)", note, StringComparison.Ordinal);
        Assert.Contains("IAM allows two access keys per user", note, StringComparison.Ordinal);
        Assert.Contains("added by hand", note, StringComparison.Ordinal);
        Assert.Contains("'aws iam list-access-keys --user-name assume-role-pipeline-dev'", note, StringComparison.Ordinal);
        Assert.Contains($"delete the one that is not {OldKey} (the key create-role exports)", note, StringComparison.Ordinal);
        Assert.Contains($"Nothing changed: {OldKey} is still the key in use.", note, StringComparison.Ordinal);
        Assert.DoesNotContain("https response error", note, StringComparison.Ordinal);
        Assert.Contains("https response error", run.Run.Reports[0].Log, StringComparison.Ordinal); // Pulumi's own words stay in the log
    }

    [Fact]
    public async Task IAM_refusing_the_new_key_stops_after_the_replacement_and_says_the_key_is_already_in_place()
    {
        _fixture.Readiness.Refusal = "IAM did not accept the key within 120 s (InvalidClientTokenId).";

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(RotationStep.Readiness, run.StoppedAt);
        Assert.True(run.Replaced);
        Assert.Empty(_verifier.Calls);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Request.Project == AssumeRoleContract.ProjectName);
        var note = Note(run);
        Assert.StartsWith($"Key rotation of dev stopped after the key was replaced, waiting for IAM to accept {NewKey}: IAM did not accept", note, StringComparison.Ordinal);
        Assert.Contains($"The old key is deleted; create-role exports the new key {NewKey}", note, StringComparison.Ordinal);
        Assert.Contains("To resume with this key, run Verify once IAM accepts it", note, StringComparison.Ordinal);
        Assert.Contains("A new RotateKey would replace the key once more.", note, StringComparison.Ordinal);
        Assert.Equal("assume-role", run.Run.Stages[^1].Report.Project);
        Assert.Equal(StackOutcome.Succeeded, run.Run.Stages[0].Report.Outcome);
    }

    [Fact]
    public async Task A_false_claim_stops_at_Verify_before_the_preview()
    {
        _verifier.FalseClaim = (AssumeRolePipeline.Pipeline.Operations.Verification.LeastPrivilegeVerifier.KeyCannotListBuckets, "s3:ListBuckets succeeded (3 buckets listed)");

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(RotationStep.Verify, run.StoppedAt);
        Assert.Equal("Key rotation", run.Run.Name); // its failure annotation says "Key rotation failed", not "Up failed"
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Operation == StackOperation.Preview);
        Assert.False(run.Verification!.Proven);
        var note = Note(run);
        Assert.StartsWith("Key rotation of dev stopped at Verify, with the new key in place: Least privilege of dev is not proven; false: " +
                          "'The key alone cannot list buckets' (s3:ListBuckets succeeded", note, StringComparison.Ordinal);
        Assert.Contains("Fix what Verify found, then run Verify to resume.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_that_cannot_run_stops_the_rotation_with_its_reason()
    {
        _verifier.Failure = new ExplainedFailure("assume-role/dev exports no bucketName, so there is no bucket to verify with: deploy it first.");

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(RotationStep.Verify, run.StoppedAt);
        Assert.Null(run.Verification);
        Assert.Contains("stopped at Verify, with the new key in place: assume-role/dev exports no bucketName", Note(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_preview_is_the_last_stop_and_says_how_to_resume()
    {
        _fixture.Stacks.Failures[(AssumeRoleContract.ProjectName, StackOperation.Preview)] = new StackOperationException(
            StackFailure.OperationFailed, "code: 255\nstdout: \n    error: assume-role: AccessDenied\nstderr: \n");

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(RotationStep.Preview, run.StoppedAt);
        Assert.True(run.Verification!.Proven);
        var note = Note(run);
        Assert.StartsWith($"Key rotation of dev stopped at its last step, the preview of assume-role with {NewKey}: preview failed: assume-role: AccessDenied", note, StringComparison.Ordinal);
        Assert.Contains("To resume: PreviewAssumeRole, or Up.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_that_replaces_nothing_is_a_failure_not_a_rotation()
    {
        var run = await Rotation(new IgnoringReplace(_fixture.Stacks)).RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(RotationStep.Replace, run.StoppedAt);
        Assert.Contains($"create-role still exports {OldKey}: Pulumi replaced no resource named {Urn}", Note(run), StringComparison.Ordinal);
        Assert.Empty(_fixture.Readiness.Calls);
    }

    [Fact]
    public async Task A_stack_with_no_key_is_refused_before_any_operation()
    {
        _fixture.Stacks.SetState(CreateRoleContract.ProjectName, StackState.Missing);

        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(() =>
            Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None));

        Assert.Equal("create-role/dev exports no access key, so there is none to rotate: deploy it first ('./build.sh Up', or the deploy workflow).", thrown.Message);
        Assert.Empty(_fixture.Stacks.Calls);
    }

    [Theory]
    [InlineData("2026-03-01T09:00:00Z", 30, false)] // 19 days old
    [InlineData("2026-02-18T12:00:00Z", 30, false)] // exactly 30 days: not older than 30
    [InlineData("2026-02-18T11:59:59Z", 30, true)] // a second past 30 days
    [InlineData("2025-11-01T00:00:00Z", 90, true)]
    [InlineData("2026-03-20T11:00:00Z", 1, false)]
    public async Task Max_key_age_rotates_only_a_key_older_than_it(string created, int days, bool rotates)
    {
        _fixture.Stacks.AccessKeyCreated = created;
        _fixture.Stacks.Deploy(CreateRoleContract.ProjectName);

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, MaxKeyAge.Parse(days), CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal(rotates, run.Replaced);
        Assert.Equal(rotates ? 2 : 0, _fixture.Stacks.Calls.Count);
        Assert.Equal(DateTimeOffset.Parse("2026-03-20T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture) -
                     DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture), run.Decision!.Age);
        if (!rotates)
        {
            var report = Assert.Single(run.Run.Reports);
            Assert.Equal(StackOutcome.Skipped, report.Outcome);
            Assert.Contains($"not older than --max-key-age {days} days: not rotated.", report.Note, StringComparison.Ordinal);
            Assert.Equal(OldKey, run.Credentials!.AccessKeyId);
        }
    }

    [Fact]
    public async Task The_decision_names_the_key_and_its_age()
    {
        _fixture.Stacks.AccessKeyCreated = "2026-03-01T09:00:00Z";
        _fixture.Stacks.Deploy(CreateRoleContract.ProjectName);

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, MaxKeyAge.Parse(30), CancellationToken.None);

        Assert.Equal($"The key {OldKey} is 19 days old, not older than --max-key-age 30 days: not rotated.", run.Decision!.Reason);
        Assert.Contains($"progress: {run.Decision.Reason}", _fixture.Output.Lines);
    }

    [Fact]
    public async Task A_key_of_unknown_age_counts_as_older_than_any_maximum_and_the_run_says_so()
    {
        var run = await Rotation().RotateAsync(PipelineFixture.Settings, MaxKeyAge.Parse(3650), CancellationToken.None);

        Assert.True(run.Replaced);
        Assert.Null(run.Decision!.Age);
        Assert.Equal($"The age of the key {OldKey} is unknown: create-role does not export accessKeyCreated yet (it was deployed before it did), " +
                     "so it counts as older than --max-key-age 3650 days: rotating it.", run.Decision.Reason);
    }

    [Fact]
    public async Task Without_a_maximum_the_key_is_rotated_now_whatever_its_age()
    {
        _fixture.Stacks.AccessKeyCreated = "2026-03-20T11:59:00Z";
        _fixture.Stacks.Deploy(CreateRoleContract.ProjectName);

        var run = await Rotation().RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.True(run.Replaced);
        Assert.Equal($"The key {OldKey} is less than a day old; no --max-key-age was given: rotating it now.", run.Decision!.Reason);
    }

    /// <summary>A stack whose update ignores <c>--replace</c>, as one whose key resource was renamed would.</summary>
    private sealed class IgnoringReplace(IStackOperator inner) : IStackOperator
    {
        public Task<StackOperationResult> RunAsync(StackRequest request, StackOperation operation, CancellationToken cancellationToken) =>
            inner.RunAsync(request with { Replace = [] }, operation, cancellationToken);

        public Task<StackState> GetStateAsync(StackRequest request, CancellationToken cancellationToken) =>
            inner.GetStateAsync(request, cancellationToken);

        public Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken) =>
            inner.ListStacksAsync(project, cancellationToken);

        public Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken) => inner.RemoveStackAsync(request, cancellationToken);
    }
}
