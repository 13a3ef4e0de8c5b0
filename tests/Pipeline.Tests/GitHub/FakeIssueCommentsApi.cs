using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

/// <summary>
/// GitHub's issue-comment endpoints for one pull request over a <see cref="LocalGitHubServer"/>. Lists
/// are served a few comments a page, whatever per_page asks, with Link headers to the next page.
/// </summary>
internal sealed partial class FakeIssueCommentsApi : IAsyncDisposable
{
    public const int PageSize = 2;

    private readonly List<(long Id, string Body)> _comments = [];
    private readonly Lock _gate = new();
    private long _nextId = 1000;

    private FakeIssueCommentsApi(LocalGitHubServer server) => Server = server;

    public LocalGitHubServer Server { get; }

    public IReadOnlyList<(long Id, string Body)> Comments
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

    public long Add(string body)
    {
        lock (_gate)
        {
            _comments.Add((++_nextId, body));
            return _nextId;
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Task Respond(RecordedRequest request, HttpResponse response)
    {
        lock (_gate)
        {
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

                var items = _comments.Skip((page - 1) * PageSize).Take(PageSize).Select(c => Json(c.Id, c.Body));
                return LocalGitHubServer.Json(response, 200, $"[{string.Join(",", items)}]");
            }

            if (list.Success && request.Method == "POST")
            {
                var body = BodyOf(request);
                _comments.Add((++_nextId, body));
                return LocalGitHubServer.Json(response, 201, Json(_nextId, body));
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
                _comments[index] = (id, body);
                return LocalGitHubServer.Json(response, 200, Json(id, body));
            }

            return LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}""");
        }
    }

    private static string BodyOf(RecordedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("body").GetString()!;
    }

    private string Json(long id, string body) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = id,
        ["node_id"] = $"IC_{id}",
        ["body"] = body,
        ["html_url"] = $"{Server.BaseAddress}o/r/pull/7#issuecomment-{id}",
        ["user"] = new Dictionary<string, object> { ["login"] = "github-actions[bot]", ["id"] = 41898282 },
    });

    [GeneratedRegex("^/repos/[^/]+/[^/]+/issues/[0-9]+/comments$")]
    private static partial Regex ListPattern();

    [GeneratedRegex("^/repos/[^/]+/[^/]+/issues/comments/(?<id>[0-9]+)$")]
    private static partial Regex OnePattern();

    [GeneratedRegex("[?&]page=([0-9]+)")]
    private static partial Regex PagePattern();
}
