using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

/// <summary>One issue (or pull request) as the fake stores it.</summary>
internal sealed record FakeIssue(int Number, string Title, string Body, string Author, string State, string[] Labels, bool IsPullRequest = false)
{
    public List<string> Comments { get; } = [];

    public string? StateReason { get; init; }
}

/// <summary>
/// GitHub's issue endpoints for repository o/r over a <see cref="LocalGitHubServer"/>: list (a few issues
/// a page, whatever per_page asks, with Link headers; filtered by state and label; pull requests
/// included, as GitHub does), create, update, comment, and <c>GET /user</c>.
/// </summary>
internal sealed partial class FakeIssuesApi : IAsyncDisposable
{
    public const int PageSize = 2;
    public const string TokenLogin = "github-actions[bot]";

    private readonly List<FakeIssue> _issues = [];
    private readonly Lock _gate = new();

    private FakeIssuesApi(LocalGitHubServer server) => Server = server;

    public LocalGitHubServer Server { get; }

    /// <summary>What <c>GET /user</c> answers; null answers 403, as it does to a workflow's GITHUB_TOKEN.</summary>
    public string? UserLogin { get; set; }

    /// <summary>When set, every write is refused with this status (403: a token without issues: write).</summary>
    public int? RefuseWritesWith { get; set; }

    /// <summary>When set, every request (<c>GET /user</c> too) is answered with this rate limit.</summary>
    public RateLimitAnswer? RateLimited { get; set; }

    public IReadOnlyList<FakeIssue> Issues
    {
        get
        {
            lock (_gate)
                return [.. _issues];
        }
    }

    public static async Task<FakeIssuesApi> StartAsync()
    {
        FakeIssuesApi? api = null;
        var server = await LocalGitHubServer.StartAsync((request, response) => api!.Respond(request, response));
        api = new FakeIssuesApi(server);
        return api;
    }

    public int Add(string title, string body, string author = TokenLogin, string state = "open", string[]? labels = null, bool isPullRequest = false)
    {
        lock (_gate)
        {
            var issue = new FakeIssue(_issues.Count + 1, title, body, author, state, labels ?? ["drift"], isPullRequest);
            _issues.Add(issue);
            return issue.Number;
        }
    }

    public FakeIssue Issue(int number) => Issues.Single(i => i.Number == number);

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Task Respond(RecordedRequest request, HttpResponse response)
    {
        lock (_gate)
        {
            if (RateLimited is { } limited)
                return limited.WriteAsync(response);

            if (request.RawPath == "/user" && request.Method == "GET")
            {
                return UserLogin is null
                    ? LocalGitHubServer.Json(response, 403, """{"message":"Resource not accessible by integration"}""")
                    : LocalGitHubServer.Json(response, 200, JsonSerializer.Serialize(new { login = UserLogin, id = 7 }));
            }

            if (request.Method != "GET" && RefuseWritesWith is { } status)
                return LocalGitHubServer.Json(response, status, """{"message":"Resource not accessible by integration"}""");

            if (request.RawPath == "/repos/o/r/issues" && request.Method == "GET")
                return List(request, response);
            if (request.RawPath == "/repos/o/r/issues" && request.Method == "POST")
            {
                var json = JsonNode.Parse(request.Body)!;
                var labels = json["labels"]?.AsArray().Select(l => l!.GetValue<string>()).ToArray() ?? [];
                var issue = new FakeIssue(_issues.Count + 1, json["title"]!.GetValue<string>(), json["body"]?.GetValue<string>() ?? "",
                    TokenLogin, "open", labels);
                _issues.Add(issue);
                return LocalGitHubServer.Json(response, 201, Json(issue));
            }

            var one = OnePattern().Match(request.RawPath);
            if (one.Success)
            {
                var index = _issues.FindIndex(i => i.Number == int.Parse(one.Groups["n"].Value, CultureInfo.InvariantCulture));
                if (index < 0)
                    return LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}""");
                var issue = _issues[index];
                if (one.Groups["comments"].Success && request.Method == "POST")
                {
                    issue.Comments.Add(JsonNode.Parse(request.Body)!["body"]!.GetValue<string>());
                    return LocalGitHubServer.Json(response, 201, JsonSerializer.Serialize(new { id = 9000 + issue.Comments.Count, body = "", user = new { login = TokenLogin } }));
                }

                if (!one.Groups["comments"].Success && request.Method == "PATCH")
                {
                    var json = JsonNode.Parse(request.Body)!;
                    var body = json["body"]?.GetValue<string>() ?? issue.Body;
                    if (body.Length > 65_536)
                        return LocalGitHubServer.Json(response, 422, """{"message":"Body is too long (maximum is 65536 characters)"}""");
                    var updated = issue with
                    {
                        Title = json["title"]?.GetValue<string>() ?? issue.Title,
                        Body = body,
                        State = json["state"]?.GetValue<string>() ?? issue.State,
                        StateReason = json["state_reason"]?.GetValue<string>() ?? issue.StateReason,
                    };
                    _issues[index] = updated;
                    return LocalGitHubServer.Json(response, 200, Json(updated));
                }
            }

            return LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}""");
        }
    }

    private Task List(RecordedRequest request, HttpResponse response)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RawTarget.Contains('?') ? request.RawTarget[request.RawTarget.IndexOf('?')..] : "");
        var state = query.TryGetValue("state", out var s) ? s.ToString() : "open";
        var label = query.TryGetValue("labels", out var l) ? l.ToString() : null;
        var matching = _issues.Where(i => state == "all" || i.State == state).Where(i => label is null || i.Labels.Contains(label)).ToList();
        var page = query.TryGetValue("page", out var p) ? int.Parse(p.ToString(), CultureInfo.InvariantCulture) : 1;
        var pages = Math.Max(1, (int)Math.Ceiling(matching.Count / (double)PageSize));
        if (page < pages)
        {
            var rest = $"state={state}{(label is null ? "" : "&labels=" + label)}&per_page=100";
            var next = new Uri(Server.BaseAddress, $"repos/o/r/issues?{rest}&page={page + 1}");
            var last = new Uri(Server.BaseAddress, $"repos/o/r/issues?{rest}&page={pages}");
            response.Headers["Link"] = $"<{next.AbsoluteUri}>; rel=\"next\", <{last.AbsoluteUri}>; rel=\"last\"";
        }

        return LocalGitHubServer.Json(response, 200, $"[{string.Join(",", matching.Skip((page - 1) * PageSize).Take(PageSize).Select(Json))}]");
    }

    private string Json(FakeIssue issue)
    {
        var json = new JsonObject
        {
            ["id"] = 5000 + issue.Number,
            ["number"] = issue.Number,
            ["title"] = issue.Title,
            ["body"] = issue.Body,
            ["state"] = issue.State,
            ["user"] = new JsonObject { ["login"] = issue.Author, ["id"] = 41898282 },
            ["labels"] = new JsonArray([.. issue.Labels.Select(name => (JsonNode)new JsonObject { ["name"] = name })]),
            ["html_url"] = $"{Server.BaseAddress}o/r/issues/{issue.Number}",
        };
        if (issue.IsPullRequest)
            json["pull_request"] = new JsonObject { ["url"] = $"{Server.BaseAddress}repos/o/r/pulls/{issue.Number}" };
        return json.ToJsonString();
    }

    [GeneratedRegex("^/repos/o/r/issues/(?<n>[0-9]+)(?<comments>/comments)?$")]
    private static partial Regex OnePattern();
}
