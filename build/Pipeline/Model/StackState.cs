using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>What the state backend knows of a stack, read without running the program.</summary>
/// <param name="Exists">False when the stack was never created (or was removed).</param>
/// <param name="ResourceCount">Resources in the state, the stack and providers included; 0 once destroyed.</param>
public sealed record StackState(bool Exists, int ResourceCount, ImmutableDictionary<string, StackOutputValue> Outputs)
{
    public static StackState Missing { get; } = new(false, 0, ImmutableDictionary<string, StackOutputValue>.Empty);

    /// <summary>
    /// Every secret value in the state, outputs and resources alike (plain text): the orchestrator masks
    /// them all. A secret of a resource that the stack does not export is among them.
    /// </summary>
    public ImmutableArray<string> Secrets { get; init; } = [];

    // A record prints its members; the secrets must never reach a log that way.
    public override string ToString() => $"StackState {{ Exists = {Exists}, ResourceCount = {ResourceCount}, Outputs = {Outputs.Count}, Secrets = {Secrets.Length} }}";
}
