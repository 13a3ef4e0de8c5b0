using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>Everything needed to run one Pulumi operation on one stack of one project.</summary>
/// <param name="Project">Pulumi project name, e.g. <c>create-role</c>.</param>
/// <param name="WorkDir">Absolute path of the directory holding the project's <c>Pulumi.yaml</c>.</param>
/// <param name="Stack">The stack name.</param>
/// <param name="Config">Config to set before the operation, by full key (<c>project:key</c>, <c>aws:region</c>).</param>
/// <param name="Environment">
/// Variables merged over the process environment for every Pulumi CLI call; a null value removes the
/// variable, which is how the unprivileged stage is kept from inheriting the caller's AWS identity.
/// </param>
/// <param name="OnOutput">Receives each line Pulumi prints, already masked.</param>
/// <param name="Message">
/// The update's message (<c>--message</c>): where the run came from, shown in <c>pulumi stack history</c>.
/// </param>
public sealed record StackRequest(
    string Project,
    string WorkDir,
    string Stack,
    ImmutableDictionary<string, StackConfigValue> Config,
    ImmutableDictionary<string, string?> Environment,
    Action<string> OnOutput,
    string? Message = null)
{
    public string DisplayName => $"{Project}/{Stack}";

    /// <summary>URNs of resources an update replaces even when nothing about them changed (<c>--replace</c>): key rotation.</summary>
    public ImmutableArray<string> Replace { get; init; } = [];

    /// <summary>Policy pack folders every preview and update runs with (<c>--policy-pack</c>).</summary>
    public ImmutableArray<string> PolicyPacks { get; init; } = [];

    /// <summary>
    /// Receives each policy violation as the engine reports it, unmasked: the stage runner masks it. Called before the
    /// operation returns or fails, so a preview that a mandatory violation failed still says which.
    /// </summary>
    public Action<PolicyViolation>? OnPolicyViolation { get; init; }
}
