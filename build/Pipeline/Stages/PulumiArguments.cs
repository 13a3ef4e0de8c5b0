using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// The argv of the CLI calls the adapter builds itself rather than through an Automation API method; every
/// other call's argv is built by the SDK (recorded in the adapter's tests).
/// </summary>
public static class PulumiArguments
{
    /// <summary>
    /// A drift check: <c>pulumi refresh --preview-only</c>, which changes nothing in the cloud or the state.
    /// Not <c>RefreshAsync(new RefreshOptions { PreviewOnly = true })</c>: Pulumi.Automation 3.112.1 always adds
    /// <c>--yes</c>, and the CLI refuses <c>--yes</c> with <c>--preview-only</c> (pulumi/pulumi#19354). The SDK's
    /// command adds <c>--non-interactive</c> and the event log; the preview-only flag is what a non-interactive
    /// refresh needs in place of <c>--yes</c>.
    /// </summary>
    public static ImmutableArray<string> PreviewOnlyRefresh(string stack, string? message) =>
    [
        "refresh", "--preview-only", "--stack", stack, "--color", "never",
        .. string.IsNullOrWhiteSpace(message) ? ImmutableArray<string>.Empty : ["--message", message],
    ];
}
