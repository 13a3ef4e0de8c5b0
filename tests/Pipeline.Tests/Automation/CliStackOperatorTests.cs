using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Automation;

/// <summary>
/// The decisions the Automation adapter leaves to <see cref="CliStackOperator"/>: which CLI operation each pipeline
/// operation is, and what the engine's events become (steps, changes, drift, policy violations), fed as the adapter
/// feeds them. The fake below stands where the SDK calls would be and records which one ran.
/// </summary>
public sealed class CliStackOperatorTests
{
    private const string RoleUrn = "urn:pulumi:dev::create-role::aws:iam/role:Role::allow-s3-management";

    private static StackRequest Request(Action<PolicyViolation>? onViolation = null) =>
        new("create-role", "/repo/stacks/CreateRole", "dev", ImmutableDictionary<string, StackConfigValue>.Empty,
            ImmutableDictionary<string, string?>.Empty, _ => { }, "local run") { OnPolicyViolation = onViolation, PolicyPacks = ["/repo/policy"] };

    [Theory]
    [InlineData(StackOperation.Preview, "preview")]
    [InlineData(StackOperation.Up, "up")]
    [InlineData(StackOperation.Remediate, "up --refresh")]
    [InlineData(StackOperation.Destroy, "destroy")]
    [InlineData(StackOperation.Refresh, "refresh")]
    [InlineData(StackOperation.Drift, "refresh --preview-only --stack dev --color never --message local run")]
    public async Task Each_operation_is_one_CLI_operation(StackOperation operation, string cli)
    {
        var stacks = new RecordingOperator();

        await stacks.RunAsync(Request(), operation, CancellationToken.None);

        Assert.Equal([cli], stacks.Ran);
    }

    [Fact]
    public async Task A_previews_events_become_its_steps_changes_and_policy_violations()
    {
        var found = new List<PolicyViolation>();
        var stacks = new RecordingOperator
        {
            Events = events =>
            {
                events.Step("Update", RoleUrn, "aws:iam/role:Role", ["assumeRolePolicy"], ["assumeRolePolicy"],
                    new Dictionary<string, object> { ["name"] = "old" }, new Dictionary<string, object> { ["name"] = "new" });
                events.Step(null, null, null, null, null, null, null); // another kind of event
                events.Outcome("Update", RoleUrn, "aws:iam/role:Role", default(ImmutableArray<string>), null, new object());
                events.Outcome(null, null, null, null, null, null);
                events.Summary(new Dictionary<string, int> { ["Update"] = 1, ["Same"] = 4 });
                events.Summary<string>(null);
                events.Policy(RoleUrn, "maxSessionDuration is 7200", "role-session-at-most-one-hour", "advisory");
            },
        };

        var result = await stacks.RunAsync(Request(found.Add), StackOperation.Preview, CancellationToken.None);

        var step = Assert.Single(result.Steps);
        Assert.Equal(("Update", RoleUrn, "new"), (step.Operation, step.Urn, step.NewInputs!["name"]));
        Assert.Equal("Update allow-s3-management", Assert.Single(result.Changes).Kind + " " + result.Changes[0].Name);
        Assert.Equal("b", result.Outputs["bucketName"].Value);
        Assert.Null(result.Drift); // a preview reports no drift
        Assert.Equal("role-session-at-most-one-hour on allow-s3-management: maxSessionDuration is 7200", Assert.Single(found).Line);
    }

    [Fact]
    public async Task A_refresh_reports_the_drift_its_events_show()
    {
        var stacks = new RecordingOperator
        {
            Events = events => events.Outcome("Refresh", RoleUrn, "aws:iam/role:Role", null, null, newState: null),
        };

        var result = await stacks.RunAsync(Request(), StackOperation.Refresh, CancellationToken.None);

        Assert.True(result.Drift!.HasDrift);
    }

    [Fact]
    public async Task A_stack_the_backend_does_not_list_is_missing_without_an_export()
    {
        var stacks = new RecordingOperator();

        Assert.Equal(StackState.Missing, await stacks.GetStateAsync(Request(), CancellationToken.None));
        Assert.Equal(["stack ls"], stacks.Ran);
    }

    [Fact]
    public async Task A_listed_stacks_state_is_read_from_one_export()
    {
        var stacks = new RecordingOperator { Listed = [new ListedStack("dev", null, 3)] };

        var state = await stacks.GetStateAsync(Request(), CancellationToken.None);

        Assert.True(state.Exists);
        Assert.Equal(["stack ls", "stack export"], stacks.Ran);
    }

    private sealed class RecordingOperator : CliStackOperator
    {
        public List<string> Ran { get; } = [];

        public Action<EngineEventCollector>? Events { get; init; }

        public IReadOnlyList<ListedStack> Listed { get; init; } = [];

        private Task<OperationOutcome> Ok(string cli, EngineEventCollector events)
        {
            Ran.Add(cli);
            Events?.Invoke(events);
            return Task.FromResult(OperationOutcome.Of<string>(null, [KeyValuePair.Create("bucketName", ((object?)"b", false))], null));
        }

        public override Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken)
        {
            Ran.Add("stack ls");
            return Task.FromResult(Listed);
        }

        public override Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task<string> ExportStackAsync(StackRequest request, CancellationToken cancellationToken)
        {
            Ran.Add("stack export");
            return Task.FromResult("""{"version":3,"deployment":{"resources":[{"urn":"a"},{"urn":"b"}]}}""");
        }

        protected override Task<OperationOutcome> PreviewAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken) =>
            Ok("preview", events);

        protected override Task<OperationOutcome> UpAsync(StackRequest request, bool refresh, EngineEventCollector events, CancellationToken cancellationToken) =>
            Ok(refresh ? "up --refresh" : "up", events);

        protected override Task<OperationOutcome> DestroyAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken) =>
            Ok("destroy", events);

        protected override Task<OperationOutcome> RefreshAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken) =>
            Ok("refresh", events);

        protected override Task<OperationOutcome> RunCliAsync(StackRequest request, ImmutableArray<string> arguments, EngineEventCollector events,
            CancellationToken cancellationToken) =>
            Ok(string.Join(' ', arguments), events);
    }
}
