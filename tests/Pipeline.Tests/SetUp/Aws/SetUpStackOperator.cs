using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp.Aws;

/// <summary>
/// The set-up stack in memory: records each operation it is asked for and answers with the changes a test scripts; an up
/// exports the outputs the program would (a map of role ARNs, the boundaries' ARNs). A scripted failure is thrown instead.
/// </summary>
internal sealed class SetUpStackOperator : IStackOperator
{
    public List<(StackRequest Request, StackOperation Operation)> Calls { get; } = [];

    public ImmutableArray<ResourceChange> Changes { get; set; } = [];

    public ImmutableDictionary<string, StackOutputValue> UpOutputs { get; set; } = ImmutableDictionary<string, StackOutputValue>.Empty;

    public StackOperationException? Failure { get; set; }

    public Task<StackOperationResult> RunAsync(StackRequest request, StackOperation operation, CancellationToken cancellationToken)
    {
        Calls.Add((request, operation));
        request.OnOutput($"pulumi: {operation.ToString().ToLowerInvariant()} of {request.DisplayName}");
        if (Failure is not null)
            throw Failure;
        var outputs = operation == StackOperation.Up ? UpOutputs : ImmutableDictionary<string, StackOutputValue>.Empty;
        return Task.FromResult(new StackOperationResult(ImmutableDictionary<ChangeKind, int>.Empty, Changes, outputs, "log"));
    }

    public Task<StackState> GetStateAsync(StackRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the set-up reads no state");

    public Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the set-up lists no stacks");

    public Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the set-up removes no stack");
}
