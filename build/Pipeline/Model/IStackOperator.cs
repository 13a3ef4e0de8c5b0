namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// Operates on one Pulumi stack. The real implementation is the Automation API adapter in the build
/// project; tests use an in-memory one. Failures are thrown as <see cref="StackOperationException"/>.
/// </summary>
public interface IStackOperator
{
    /// <summary>Selects (or creates) the stack, sets its config and runs the operation.</summary>
    Task<StackOperationResult> RunAsync(StackRequest request, StackOperation operation, CancellationToken cancellationToken);

    /// <summary>Reads the stack's state (existence, resource count, outputs) without creating it.</summary>
    Task<StackState> GetStateAsync(StackRequest request, CancellationToken cancellationToken);

    /// <summary>Every stack of the project in the state backend, with when each was last updated (the review sweep).</summary>
    Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the stack, its config and history from the backend (<c>pulumi stack rm</c>, never forced): refused by
    /// the backend while the stack still has resources. Only the sweep removes stacks, and only empty review stacks.
    /// </summary>
    Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken);
}
