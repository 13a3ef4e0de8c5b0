using System.Globalization;
using System.Net;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;

/// <summary>
/// Whether GitHub refused a request because the token made too many, which says nothing of its permissions.
/// GitHub signals it with 403 or 429 and <c>x-ratelimit-remaining: 0</c> (the primary limit), a
/// <c>retry-after</c> header or a message saying "rate limit" (secondary limits). Octokit recognises only
/// some of these by their message (<see cref="RateLimitExceededException"/>, <see cref="SecondaryRateLimitExceededException"/>,
/// <see cref="AbuseException"/>); the others reach us as a plain 403 or 429.
/// </summary>
public static class GitHubRateLimit
{
    public static bool IsRateLimit(ApiException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException || e.StatusCode == HttpStatusCode.TooManyRequests)
            return true;
        return e.StatusCode == HttpStatusCode.Forbidden &&
               (Header(e, "x-ratelimit-remaining") == "0" || Header(e, "retry-after") is not null ||
                (e.ApiError?.Message ?? e.Message).Contains("rate limit", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>When to try again, as GitHub says it: "after 30 seconds", "after 2100-01-01 00:00 UTC", or "in a few minutes".</summary>
    public static string WhenToRetry(ApiException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (int.TryParse(Header(e, "retry-after"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return $"after {seconds} seconds";
        if (Header(e, "x-ratelimit-remaining") == "0" &&
            long.TryParse(Header(e, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset) &&
            reset < 253_402_300_800) // DateTimeOffset's last second
        {
            return $"after {DateTimeOffset.FromUnixTimeSeconds(reset).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        }

        return "in a few minutes";
    }

    private static string? Header(ApiException e, string name) =>
        e.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
}
