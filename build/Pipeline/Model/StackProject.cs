using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>One Pulumi project and the backend its stacks live in: what listing its stacks needs, and no identity.</summary>
/// <param name="Project">Pulumi project name, e.g. <c>create-role</c>.</param>
/// <param name="WorkDir">Absolute path of the directory holding the project's <c>Pulumi.yaml</c>.</param>
/// <param name="Environment">The state backend's variables, merged over the process environment.</param>
public sealed record StackProject(string Project, string WorkDir, ImmutableDictionary<string, string?> Environment);
