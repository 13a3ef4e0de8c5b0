using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>One resource whose cloud state differs from the stack's state.</summary>
/// <param name="Type">The Pulumi type token, e.g. <c>aws:iam/rolePolicy:RolePolicy</c>.</param>
/// <param name="Name">The logical name in the program.</param>
/// <param name="Properties">
/// Names (property paths) of what differs, sorted; never a value: a property can be secret.
/// Empty for a deleted resource.
/// </param>
public sealed record DriftedResource(string Type, string Name, DriftKind Kind, ImmutableArray<string> Properties);
