using AssumeRolePipeline.Pipeline.Reporting;

namespace AssumeRolePipeline.Pipeline.Orchestration;

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
}
