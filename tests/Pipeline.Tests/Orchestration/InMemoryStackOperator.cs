using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;
using AssumeRolePipeline.Pipeline.Tests.Drift;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

/// <summary>
/// Both stacks in memory, behaving like Pulumi does for them: an up creates (then keeps) the resources
/// and exports the outputs, a preview changes nothing, a destroy empties the stack. Every call is
/// recorded; failures can be scripted per project and operation.
/// </summary>
internal sealed class InMemoryStackOperator : IStackOperator
{
    public const string RoleArn = "arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c";
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYCANARYKEY";

    /// <summary>The key an update that replaces create-role's access key (<see cref="StackRequest.Replace"/>) makes.</summary>
    public const string ReplacedAccessKeyId = "AKIAJ7NEWKEYEXAMPLE2";
    public const string ReplacedSecretAccessKey = "Nw8kRoTaTeD/K7MDENG+bPxRfiCYNEWKEYxAMPL";
    public const string ReplacedKeyCreated = "2026-03-01T09:00:00Z";

    private static readonly Dictionary<string, int> ResourceCounts = new()
    {
        [CreateRoleContract.ProjectName] = 6, // stack, provider, user, key, role, policy
        [AssumeRoleContract.ProjectName] = 3, // stack, provider, bucket
    };

    private readonly Dictionary<string, StackState> _states = [];

    public List<(StackRequest Request, StackOperation Operation)> Calls { get; } = [];

    public List<StackRequest> StateReads { get; } = [];

    public Dictionary<(string Project, StackOperation Operation), StackOperationException> Failures { get; } = [];

    /// <summary>When set, each operation also prints this line (and puts it in its log), as Pulumi might with a secret in it.</summary>
    public string? EchoLine { get; set; }

    /// <summary>The secret create-role exports after an up.</summary>
    public string CreateRoleSecret { get; set; } = SecretAccessKey;

    /// <summary>The key id create-role exports after an up.</summary>
    public string CreateRoleAccessKeyId { get; set; } = AccessKeyId;

    /// <summary>The secret of the key that replaces create-role's when an update names its URN.</summary>
    public string ReplacementSecret { get; set; } = ReplacedSecretAccessKey;

    /// <summary>create-role's <c>accessKeyCreated</c> output; none (a stack deployed before it existed) when null.</summary>
    public string? AccessKeyCreated { get; set; }

    /// <summary>Runs first in every operation: prints, changes the state, throws, as a scripted failure needs.</summary>
    public Func<StackRequest, StackOperation, CancellationToken, Task>? Before { get; set; }

    /// <summary>When set, every state read fails with it.</summary>
    public Exception? StateReadFailure { get; set; }

    /// <summary>How many operations and state reads the pipeline asked for: each starts the Pulumi CLI.</summary>
    public int OperatorCalls => Calls.Count + StateReads.Count;

    /// <summary>
    /// What differs in the cloud, per project: the engine events a refresh of it reports, fed to a
    /// <see cref="DriftCollector"/> as the Automation adapter feeds them. A refresh or a remediation clears them.
    /// </summary>
    public Dictionary<string, List<RefreshEvent>> CloudDrift { get; } = [];

    /// <summary>
    /// The steps each project's program announces in a preview or update, besides the stack's own (which is a
    /// <c>Create</c> while the stack has no resources, else <c>Same</c>, as the engine reports it).
    /// </summary>
    public Dictionary<string, List<EngineStep>> ProgramSteps { get; } = [];

    /// <summary>
    /// What the policy pack reports per project and operation: each goes to the request's OnPolicyViolation as the
    /// engine's events arrive; a mandatory one then fails the operation, as the CLI does, before anything changes.
    /// </summary>
    public Dictionary<(string Project, StackOperation Operation), List<PolicyViolation>> PolicyViolations { get; } = [];

    public StackState State(string project) => _states.GetValueOrDefault(project, StackState.Missing);

    public void Deploy(string project)
    {
        var outputs = OutputsOf(project);
        _states[project] = new StackState(true, ResourceCounts[project], outputs)
        {
            Secrets = [.. outputs.Values.Where(o => o.IsSecret).Select(o => o.Value!)],
        };
    }

    public void SetState(string project, StackState state) => _states[project] = state;

    /// <summary>A partial update: the new key is in a resource's state, and not (yet) among the stack's outputs.</summary>
    public void StoreSecretInResource(string project, string secret) =>
        _states[project] = State(project) with { Exists = true, Secrets = State(project).Secrets.Add(secret) };

    public async Task<StackOperationResult> RunAsync(StackRequest request, StackOperation operation, CancellationToken cancellationToken)
    {
        Calls.Add((request, operation));
        if (EchoLine is not null)
            request.OnOutput(EchoLine);
        if (Before is not null)
            await Before(request, operation, cancellationToken);
        if (Failures.TryGetValue((request.Project, operation), out var failure))
            throw failure;
        var violations = PolicyViolations.GetValueOrDefault((request.Project, operation), []);
        violations.ForEach(v => request.OnPolicyViolation?.Invoke(v));
        if (violations.Any(v => v.Mandatory))
            throw new StackOperationException(StackFailure.OperationFailed, $"error: {operation.ToString().ToLowerInvariant()} failed: policy violations");

        var before = State(request.Project);
        ImmutableArray<EngineStep> steps = operation is StackOperation.Preview or StackOperation.Up or StackOperation.Remediate
            ?
            [
                new EngineStep(before.ResourceCount > 0 ? "Same" : "Create", $"urn:pulumi:{request.Stack}::{request.Project}::pulumi:pulumi:Stack::{request.Project}-{request.Stack}",
                    "pulumi:pulumi:Stack", null, null),
                .. ProgramSteps.GetValueOrDefault(request.Project, []),
            ]
            : [];
        var resources = ResourceCounts[request.Project] - 1; // what Pulumi counts: all but the stack itself
        var counts = (operation, before.ResourceCount > 0) switch
        {
            (StackOperation.Destroy, _) => Count(ChangeKind.Delete, Math.Max(0, before.ResourceCount - 1)),
            (_, true) => Count(ChangeKind.Same, resources),
            _ => Count(ChangeKind.Create, resources),
        };
        var replaced = operation == StackOperation.Up && request.Replace.Contains(CreateRoleContract.AccessKeyUrn(request.Stack));
        if (replaced)
        {
            (CreateRoleAccessKeyId, CreateRoleSecret, AccessKeyCreated) = (ReplacedAccessKeyId, ReplacementSecret, ReplacedKeyCreated);
            counts = counts.SetItem(ChangeKind.Replace, 1).SetItem(ChangeKind.Same, resources - 1);
        }

        var outputs = ImmutableDictionary<string, StackOutputValue>.Empty;
        switch (operation)
        {
            case StackOperation.Up:
            case StackOperation.Remediate:
                Deploy(request.Project);
                outputs = OutputsOf(request.Project);
                break;
            case StackOperation.Destroy:
                _states[request.Project] = new StackState(true, 0, ImmutableDictionary<string, StackOutputValue>.Empty);
                break;
            default:
                _states[request.Project] = before with { Exists = true }; // a preview creates the stack, not its resources
                break;
        }

        var changes = counts.Where(c => c.Key != ChangeKind.Same)
            .Select(c => new ResourceChange("aws:s3/bucket:Bucket", "bucket", c.Key, []))
            .ToImmutableArray();
        var result = new StackOperationResult(counts, changes, outputs, $"{operation} of {request.DisplayName} done\n{EchoLine}") { Steps = steps };
        return operation is StackOperation.Drift or StackOperation.Refresh or StackOperation.Remediate
            ? WithDrift(request.Project, operation, result)
            : result;
    }

    /// <summary>A refresh reports the cloud's drift; a remediation changes it back (re-creating what was deleted).</summary>
    private StackOperationResult WithDrift(string project, StackOperation operation, StackOperationResult result)
    {
        var steps = CloudDrift.GetValueOrDefault(project, []);
        if (operation != StackOperation.Drift)
            CloudDrift.Remove(project);
        if (operation != StackOperation.Remediate)
        {
            var collector = new DriftCollector();
            foreach (var step in steps)
                collector.Add(step.Op, step.Urn, step.Type, step.Diffs, step.DetailedDiff, step.Gone);
            return result with { Drift = collector.ToFindings() };
        }

        var changes = steps.Select(s => new ResourceChange(s.Type, s.Urn[(s.Urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..],
            s.Gone || s.Op == "Delete" ? ChangeKind.Create : ChangeKind.Update, [.. s.DetailedDiff ?? s.Diffs ?? []])).ToImmutableArray();
        var counts = changes.GroupBy(c => c.Kind).ToImmutableDictionary(g => g.Key, g => g.Count());
        return result with { Counts = counts, Changes = changes };
    }

    public Task<StackState> GetStateAsync(StackRequest request, CancellationToken cancellationToken)
    {
        StateReads.Add(request);
        return StateReadFailure is null ? Task.FromResult(State(request.Project)) : Task.FromException<StackState>(StateReadFailure);
    }

    /// <summary>The stacks the backend lists per project (<see cref="ListStacksAsync"/>), as a test sets them.</summary>
    public Dictionary<string, List<ListedStack>> Listed { get; } = [];

    /// <summary>The stacks removed from the backend, as project/stack.</summary>
    public List<string> Removed { get; } = [];

    public Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken)
    {
        if (StateReadFailure is not null)
            return Task.FromException<IReadOnlyList<ListedStack>>(StateReadFailure);
        return Task.FromResult<IReadOnlyList<ListedStack>>([.. Listed.GetValueOrDefault(project.Project, [])]);
    }

    /// <summary>As <c>pulumi stack rm</c> without --force: a stack that still has resources is refused.</summary>
    public Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken)
    {
        var listed = Listed.GetValueOrDefault(request.Project, []);
        if (listed.Find(s => s.Name == request.Stack) is { ResourceCount: > 0 })
            throw new StackOperationException(StackFailure.OperationFailed, $"error: stack '{request.Stack}' still has resources");
        listed.RemoveAll(s => s.Name == request.Stack);
        Removed.Add($"{request.Project}/{request.Stack}");
        return Task.CompletedTask;
    }

    private static ImmutableDictionary<ChangeKind, int> Count(ChangeKind kind, int count) =>
        ImmutableDictionary<ChangeKind, int>.Empty.Add(kind, count);

    private ImmutableDictionary<string, StackOutputValue> OutputsOf(string project) =>
        project == CreateRoleContract.ProjectName && AccessKeyCreated is not null
            ? CreateRoleOutputs.Add(CreateRoleContract.AccessKeyCreatedOutput, new(AccessKeyCreated, false))
            : project == CreateRoleContract.ProjectName ? CreateRoleOutputs
            : ImmutableDictionary<string, StackOutputValue>.Empty.Add(AssumeRoleContract.BucketNameOutput, new("bucket-9f8e7d", false));

    private ImmutableDictionary<string, StackOutputValue> CreateRoleOutputs =>
        ImmutableDictionary<string, StackOutputValue>.Empty
            .Add(CreateRoleContract.RoleArnOutput, new(RoleArn, false))
            .Add(CreateRoleContract.AccessKeyIdOutput, new(CreateRoleAccessKeyId, false))
            .Add(CreateRoleContract.SecretAccessKeyOutput, new(CreateRoleSecret, true));
}
