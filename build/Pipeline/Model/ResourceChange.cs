using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>One resource that a preview or an update changes (or would change).</summary>
/// <param name="Type">The Pulumi type token, e.g. <c>aws:iam/role:Role</c>.</param>
/// <param name="Name">The logical name in the program.</param>
/// <param name="ChangedProperties">Names of the properties that differ; never their values.</param>
public sealed record ResourceChange(string Type, string Name, ChangeKind Kind, ImmutableArray<string> ChangedProperties);
