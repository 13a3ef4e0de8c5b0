using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

/// <summary>
/// GitHub's issue-comment endpoints for one pull request over a <see cref="LocalGitHubServer"/>. Lists
/// are served a few comments a page, whatever per_page asks, with Link headers to the next page. The
/// token is <c>GITHUB_TOKEN</c>'s kind unless <see cref="Identity"/> is set: <c>/user</c> refuses it as
/// GitHub refuses an installation token, and what it writes is github-actions[bot]'s.
/// </summary>
internal sealed partial class FakeIssueCommentsApi : IAsyncDisposable
{
    public const int PageSize = 2;
    public const string Bot = "github-actions[bot]";
    public const string Reviewer = "a-reviewer";

    private readonly List<(long Id, string Author, string Body)> _comments = [];
    private readonly Lock _gate = new();
    private long _nextId = 1000;

    private FakeIssueCommentsApi(LocalGitHubServer server) => Server = server;

    public LocalGitHubServer Server { get; }

    /// <summary>The login of the user the token belongs to (a personal token); null for GITHUB_TOKEN.</summary>
    public string? Identity { get; set; }

    public IReadOnlyList<(long Id, string Author, string Body)> Comments
    {
        get
        {
            lock (_gate)
                return [.. _comments];
        }
    }

    public static async Task<FakeIssueCommentsApi> StartAsync()
    {
        FakeIssueCommentsApi? api = null;
        var server = await LocalGitHubServer.StartAsync((request, response) => api!.Respond(request, response));
        api = new FakeIssueCommentsApi(server);
        return api;
    }

    public long Add(string body, string author = Reviewer)
    {
        lock (_gate)
        {
            _comments.Add((++_nextId, author, body));
            return _nextId;
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Task Respond(RecordedRequest request, HttpResponse response)
    {
        lock (_gate)
        {
            if (request.RawPath == "/user" && request.Method == "GET")
            {
                return Identity is { } login
                    ? LocalGitHubServer.Json(response, 200, JsonSerializer.Serialize(new Dictionary<string, object> { ["login"] = login, ["id"] = 583231 }))
                    : LocalGitHubServer.Json(response, 403, """{"message":"Resource not accessible by integration"}""");
            }

            var list = ListPattern().Match(request.RawPath);
            if (list.Success && request.Method == "GET")
            {
                var page = int.Parse(PagePattern().Match(request.RawTarget) is { Success: true } m ? m.Groups[1].Value : "1", System.Globalization.CultureInfo.InvariantCulture);
                var pages = Math.Max(1, (int)Math.Ceiling(_comments.Count / (double)PageSize));
                if (page < pages)
                {
                    var next = new Uri(Server.BaseAddress, $"{request.RawPath.TrimStart('/')}?per_page=100&page={page + 1}");
                    var last = new Uri(Server.BaseAddress, $"{request.RawPath.TrimStart('/')}?per_page=100&page={pages}");
                    response.Headers["Link"] = $"<{next.AbsoluteUri}>; rel=\"next\", <{last.AbsoluteUri}>; rel=\"last\"";
                }

                var items = _comments.Skip((page - 1) * PageSize).Take(PageSize).Select(c => Json(c.Id, c.Author, c.Body));
                return LocalGitHubServer.Json(response, 200, $"[{string.Join(",", items)}]");
            }

            if (list.Success && request.Method == "POST")
            {
                var body = BodyOf(request);
                var author = Identity ?? Bot;
                _comments.Add((++_nextId, author, body));
                return LocalGitHubServer.Json(response, 201, Json(_nextId, author, body));
            }

            var one = OnePattern().Match(request.RawPath);
            if (one.Success && request.Method == "PATCH")
            {
                var id = long.Parse(one.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var index = _comments.FindIndex(c => c.Id == id);
                if (index < 0)
                    return LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}""");
                var body = BodyOf(request);
                if (body.Length > 65_536)
                    return LocalGitHubServer.Json(response, 422, """{"message":"Body is too long (maximum is 65536 characters)"}""");
                _comments[index] = _comments[index] with { Body = body };
                return LocalGitHubServer.Json(response, 200, Json(id, _comments[index].Author, body));
            }

            return LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}""");
        }
    }

    private static string BodyOf(RecordedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("body").GetString()!;
    }

    private string Json(long id, string author, string body) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = id,
        ["node_id"] = $"IC_{id}",
        ["body"] = body,
        ["html_url"] = $"{Server.BaseAddress}o/r/pull/7#issuecomment-{id}",
        ["user"] = new Dictionary<string, object> { ["login"] = author, ["id"] = author == Bot ? 41898282 : 583231 },
    });

    [GeneratedRegex("^/repos/[^/]+/[^/]+/issues/[0-9]+/comments$")]
    private static partial Regex ListPattern();

    [GeneratedRegex("^/repos/[^/]+/[^/]+/issues/comments/(?<id>[0-9]+)$")]
    private static partial Regex OnePattern();

    [GeneratedRegex("[?&]page=([0-9]+)")]
    private static partial Regex PagePattern();
}
