using Octokit;
using Octokit.Internal;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub;

/// <summary>
/// Octokit connections to the REST API at exactly the address given. <c>new GitHubClient(product, uri)</c>
/// appends <c>/api/v3/</c> to any host but github.com; GitHub already gives the full API address in
/// <c>GITHUB_API_URL</c> (<c>https://ghe.example/api/v3</c> on GitHub Enterprise Server), and a local
/// test server has none, so the address goes to <see cref="Connection"/> as it is.
/// </summary>
public static class GitHubConnections
{
    public static readonly ProductHeaderValue Product = new("assume-role-pipeline");

    public static IConnection CreateConnection(Uri apiUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        if (string.IsNullOrWhiteSpace(token))
            throw new ArgumentException("A GitHub token is required and none was given.", nameof(token));
        if (!apiUrl.IsAbsoluteUri)
            throw new ArgumentException($"The GitHub API address '{apiUrl}' must be absolute.", nameof(apiUrl));
        if (!CarriesTokensSafely(apiUrl))
            throw new ArgumentException($"The GitHub API address '{apiUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)}' must be https: {SafeApiUrlRule}.", nameof(apiUrl));
        return new Connection(Product, WithTrailingSlash(apiUrl), new InMemoryCredentialStore(new Credentials(token)));
    }

    /// <summary>The rule for an address that receives a token, in words.</summary>
    internal const string SafeApiUrlRule =
        "an absolute https URL, so the token does not travel in clear (http only to a loopback address, such as a local test server)";

    /// <summary>https, or http to this machine itself: nothing else may receive a token.</summary>
    internal static bool CarriesTokensSafely(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    public static IGitHubClient CreateClient(Uri apiUrl, string token) => new GitHubClient(CreateConnection(apiUrl, token));

    // Octokit resolves endpoints relative to the base address: without the slash its last segment (v3) is lost.
    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
