using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>Where both stacks keep their state, and the variables the Pulumi CLI needs to use it.</summary>
/// <param name="Url">The backend URL (<c>file://…</c>, <c>s3://…</c>, <c>https://api.pulumi.com</c>).</param>
/// <param name="IsLocalDefault">True for the repository's own file backend, used when nothing else is given.</param>
/// <param name="Environment">Variables merged into every Pulumi call (backend URL, passphrase file).</param>
public sealed record StateBackend(string Url, bool IsLocalDefault, ImmutableDictionary<string, string?> Environment)
{
    public const string PulumiCloudUrl = "https://api.pulumi.com";

    /// <summary>Self-managed ("DIY") backends encrypt secrets with a passphrase instead of Pulumi Cloud's key.</summary>
    public bool IsSelfManaged => !Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A backend URL fit for a message: <c>scheme://host/path</c>, without the user info, query or fragment,
    /// where a token, a password or a SAS signature may sit.
    /// </summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Cut at '?' and '#' first: for some schemes (ftp, unknown ones) Uri would keep them in the path.
        var cut = url.Split('?', '#')[0];
        if (Uri.TryCreate(cut, UriKind.Absolute, out var uri))
        {
            var path = uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
            var server = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
            return path.Length > 0 ? $"{server}/{path}" : server;
        }

        // Not a URL: still cut what would be its user info.
        var authority = cut.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        var at = cut.LastIndexOf('@');
        return at >= authority ? cut[..authority] + cut[(at + 1)..] : cut;
    }
}
