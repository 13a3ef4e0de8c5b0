namespace AssumeRolePipeline.Pipeline.Publishing.GitHub;

/// <summary>
/// A REST path built one segment at a time, each escaped on its own, so that no value can add a
/// segment (<c>/</c>), start a query (<c>?</c>) or climb to a parent (<c>..</c>, which a URL resolves
/// before the request is sent: <c>environments/../secrets</c> is the repository's own secrets).
/// </summary>
internal static class ApiPath
{
    /// <exception cref="ArgumentException">A segment is empty, <c>.</c> or <c>..</c> (inputs are checked before this).</exception>
    public static Uri Of(params string[] segments)
    {
        foreach (var segment in segments)
        {
            if (segment is null or "" or "." or "..")
                throw new ArgumentException($"'{segment}' cannot be a segment of a GitHub API path.", nameof(segments));
        }

        return new Uri(string.Join('/', segments.Select(Uri.EscapeDataString)), UriKind.Relative);
    }
}
