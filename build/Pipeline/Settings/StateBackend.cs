using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>Where both stacks keep their state, and the variables the Pulumi CLI needs to use it.</summary>
/// <param name="Url">The backend URL (<c>file://…</c>, <c>s3://…</c>, <c>https://api.pulumi.com</c>).</param>
/// <param name="IsLocalDefault">True for the repository's own file backend, used when nothing else is given.</param>
/// <param name="Environment">Variables merged into every Pulumi call (backend URL, passphrase file).</param>
public sealed record StateBackend(string Url, bool IsLocalDefault, ImmutableDictionary<string, string?> Environment)
{
    public const string PulumiCloudUrl = "https://api.pulumi.com";

    /// <summary>Self-managed ("DIY") backends encrypt secrets with a passphrase instead of Pulumi Cloud's key.</summary>
    public bool IsSelfManaged => !Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
