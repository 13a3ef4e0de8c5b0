namespace AssumeRolePipeline.Contracts.Stacks;

/// <summary>One output a stack exports, and whether its value must be treated as a secret.</summary>
public sealed record StackOutput(string Name, bool IsSecret);
