using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

/// <summary>
/// One way GitHub says "too many requests": 403 or 429, with <c>x-ratelimit-remaining: 0</c> (primary limit) or
/// <c>retry-after</c> (secondary limit), and a message that may or may not say "rate limit".
/// </summary>
internal sealed record RateLimitAnswer(int Status, string Message, string? Remaining = null, string? RetryAfter = null)
{
    /// <summary>Each form GitHub documents, named for the test output.</summary>
    public static TheoryData<string> Names => [.. All.Keys];

    public static IReadOnlyDictionary<string, RateLimitAnswer> All { get; } = new Dictionary<string, RateLimitAnswer>(StringComparer.Ordinal)
    {
        ["primary: 403, remaining 0, 'API rate limit exceeded'"] = new(403, "API rate limit exceeded for installation ID 1.", Remaining: "0"),
        ["primary: 403, remaining 0, other words"] = new(403, "Forbidden", Remaining: "0"),
        ["primary: 429, remaining 0"] = new(429, "Too Many Requests", Remaining: "0"),
        ["secondary: 403, 'secondary rate limit'"] = new(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
        ["secondary: 403, retry-after, abuse detection"] = new(403, "You have triggered an abuse detection mechanism.", RetryAfter: "60"),
        ["secondary: 429, retry-after"] = new(429, "Too Many Requests", RetryAfter: "30"),
        ["403, message only"] = new(403, "Request blocked: rate limit for content creation reached"),
    };

    public Task WriteAsync(HttpResponse response)
    {
        if (Remaining is not null)
        {
            response.Headers["x-ratelimit-limit"] = "1000";
            response.Headers["x-ratelimit-remaining"] = Remaining;
            response.Headers["x-ratelimit-reset"] = "4102444800"; // 2100-01-01T00:00:00Z
        }

        if (RetryAfter is not null)
            response.Headers["retry-after"] = RetryAfter;
        return LocalGitHubServer.Json(response, Status, JsonSerializer.Serialize(new { message = Message, documentation_url = "https://docs.github.com/rest" }));
    }
}
