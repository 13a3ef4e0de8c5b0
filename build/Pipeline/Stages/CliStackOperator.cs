using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// The pipeline's stack operations over the Pulumi CLI, with every decision made here and the adapter left to map:
/// which CLI operation each pipeline operation is, what the events say, whether a stack exists. The Automation API
/// adapter in the build project derives from it and only calls the SDK.
/// </summary>
public abstract class CliStackOperator : IStackOperator
{
    public async Task<StackOperationResult> RunAsync(StackRequest request, StackOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var events = new EngineEventCollector(request.OnPolicyViolation);
        var outcome = operation switch
        {
            StackOperation.Preview => await PreviewAsync(request, events, cancellationToken).ConfigureAwait(false),
            StackOperation.Up => await UpAsync(request, refresh: false, events, cancellationToken).ConfigureAwait(false),
            StackOperation.Destroy => await DestroyAsync(request, events, cancellationToken).ConfigureAwait(false),
            // Not RefreshAsync(PreviewOnly): see PulumiArguments.PreviewOnlyRefresh.
            StackOperation.Drift => await RunCliAsync(request, PulumiArguments.PreviewOnlyRefresh(request.Stack, request.Message), events, cancellationToken)
                .ConfigureAwait(false),
            StackOperation.Refresh => await RefreshAsync(request, events, cancellationToken).ConfigureAwait(false),
            // `up --refresh`: refresh first, then update the cloud back to the program, in one operation.
            StackOperation.Remediate => await UpAsync(request, refresh: true, events, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "No Pulumi operation is mapped to this one."),
        };
        return events.Result(operation, outcome);
    }

    public async Task<StackState> GetStateAsync(StackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = new StackName(request.Stack);
        var listed = await ListStacksAsync(new StackProject(request.Project, request.WorkDir, request.Environment), cancellationToken).ConfigureAwait(false);
        if (!listed.Any(s => name.Matches(s.Name)))
            return StackState.Missing;
        // One `stack export --show-secrets`: outputs, resource count and every secret, in one CLI call.
        return StackStateExport.Read(await ExportStackAsync(request, cancellationToken).ConfigureAwait(false));
    }

    public abstract Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken);

    public abstract Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken);

    /// <summary><c>pulumi stack export --show-secrets</c> of an existing stack: the deployment's JSON.</summary>
    protected abstract Task<string> ExportStackAsync(StackRequest request, CancellationToken cancellationToken);

    protected abstract Task<OperationOutcome> PreviewAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken);

    /// <summary>An update; with <paramref name="refresh"/> a refresh first, in the same operation.</summary>
    protected abstract Task<OperationOutcome> UpAsync(StackRequest request, bool refresh, EngineEventCollector events, CancellationToken cancellationToken);

    protected abstract Task<OperationOutcome> DestroyAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken);

    protected abstract Task<OperationOutcome> RefreshAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken);

    /// <summary>A CLI call whose argv the pipeline builds itself (<see cref="PulumiArguments"/>), on the selected stack with its config set.</summary>
    protected abstract Task<OperationOutcome> RunCliAsync(StackRequest request, ImmutableArray<string> arguments, EngineEventCollector events,
        CancellationToken cancellationToken);
}
