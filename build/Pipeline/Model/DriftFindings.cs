using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>What a drift check (or refresh) of one stack found.</summary>
/// <param name="Resources">Each drifted resource, in the order the engine reported them.</param>
/// <param name="Unlisted">
/// Drifted resources the engine counted in its summary but did not describe in a step event: the
/// report says how many, so that drift is never reported as none.
/// </param>
public sealed record DriftFindings(ImmutableArray<DriftedResource> Resources, int Unlisted = 0)
{
    public static DriftFindings None { get; } = new([]);

    public bool HasDrift => !Resources.IsDefaultOrEmpty || Unlisted > 0;

    public int Count => (Resources.IsDefault ? 0 : Resources.Length) + Unlisted;
}
