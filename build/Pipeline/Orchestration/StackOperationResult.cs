using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Reporting;

namespace AssumeRolePipeline.Pipeline.Orchestration;

/// <summary>What a preview, up or destroy reported, mapped out of the Automation API's types.</summary>
/// <param name="Outputs">The stack's outputs after an up; empty for preview and destroy.</param>
/// <param name="Log">Pulumi's standard output, unmasked: the orchestrator masks it.</param>
public sealed record StackOperationResult(
    ImmutableDictionary<ChangeKind, int> Counts,
    ImmutableArray<ResourceChange> Changes,
    ImmutableDictionary<string, StackOutputValue> Outputs,
    string Log);
