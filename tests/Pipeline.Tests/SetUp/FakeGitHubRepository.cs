using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssumeRolePipeline.Pipeline.Tests.GitHub;
using Microsoft.AspNetCore.Http;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp;

/// <summary>One environment as the fake repository holds it.</summary>
internal sealed class FakeEnvironment
{
    public int WaitTimer { get; set; }
    public bool PreventSelfReview { get; set; }
    public List<(string Type, long Id)> Reviewers { get; } = [];

    /// <summary>null: every branch; else (protected_branches, custom_branch_policies).</summary>
    public (bool Protected, bool Custom)? BranchPolicy { get; set; }

    public List<(long Id, string Name, string Type)> Policies { get; } = [];
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>As SetUp leaves a deploy environment: only the default branch.</summary>
    public static FakeEnvironment DefaultBranchOnly(string branch = "main")
    {
        var environment = new FakeEnvironment { BranchPolicy = (false, true) };
        environment.Policies.Add((1000 + branch.Length, branch, "branch"));
        return environment;
    }
}

/// <summary>
/// A repository on <see cref="LocalGitHubServer"/> that keeps its environments, branch policies, variables, secrets and labels,
/// and answers the set-up's calls in the shapes of GitHub's published response examples (docs.github.com/rest: Deployment
/// environments, Deployment branch policies, Actions variables and secrets, Labels, Users, Teams, Actions permissions).
/// </summary>
internal sealed class FakeGitHubRepository : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, long> Users = new Dictionary<string, long> { ["octocat"] = 1, ["hubot"] = 2 };
    public static readonly IReadOnlyDictionary<string, long> Teams = new Dictionary<string, long> { ["octo-org/platform"] = 42 };

    private long _nextId = 5000;

    private FakeGitHubRepository()
    {
    }

    public LocalGitHubServer Server { get; private set; } = null!;

    public Dictionary<string, FakeEnvironment> Environments { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Labels { get; } = new(StringComparer.OrdinalIgnoreCase);
    public bool ActionsCanApprove { get; set; }
    public string DefaultBranch { get; set; } = "main";

    /// <summary>Answers a request instead of the repository (a refusal, a rate limit); null lets the repository answer.</summary>
    public Func<RecordedRequest, HttpResponse, Task>? Override { get; set; }

    public Func<RecordedRequest, bool> OverrideWhen { get; set; } = _ => false;

    public IReadOnlyList<RecordedRequest> Writes => [.. Server.Requests.Where(r => r.Method != "GET")];

    public static async Task<FakeGitHubRepository> StartAsync()
    {
        var repository = new FakeGitHubRepository();
        repository.Server = await LocalGitHubServer.StartAsync(repository.RespondAsync);
        return repository;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Task RespondAsync(RecordedRequest request, HttpResponse response)
    {
        if (Override is not null && OverrideWhen(request))
            return Override(request, response);
        var path = request.RawPath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        lock (Environments)
        {
            var (status, json) = Answer(request.Method, path, request.Body.Length > 0 ? JsonNode.Parse(request.Body) : null);
            if (status == 204)
            {
                response.StatusCode = 204;
                return Task.CompletedTask;
            }

            return LocalGitHubServer.Json(response, status, json ?? "{}");
        }
    }

    private static (int, string?) NotFound => (404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}""");

    private (int, string?) Answer(string method, string[] path, JsonNode? body) => (method, path) switch
    {
        ("GET", ["users", var login]) => Users.TryGetValue(login, out var id)
            ? (200, $$"""{"login":"{{login}}","id":{{id}},"node_id":"MDQ6VXNlcjE=","type":"User","site_admin":false}""")
            : NotFound,
        ("GET", ["orgs", var org, "teams", var slug]) => Teams.TryGetValue($"{org}/{slug}", out var id)
            ? (200, $$"""{"id":{{id}},"node_id":"MDQ6VGVhbTE=","name":"{{slug}}","slug":"{{slug}}","privacy":"closed","permission":"admin"}""")
            : NotFound,
        ("GET", ["repos", "o", "r"]) => (200,
            $$"""{"id":1296269,"node_id":"MDEwOlJlcG9zaXRvcnkxMjk2MjY5","name":"r","full_name":"o/r","private":true,"visibility":"private","default_branch":"{{DefaultBranch}}"}"""),
        ("GET", ["repos", "o", "r", "actions", "permissions", "workflow"]) => (200,
            $$"""{"default_workflow_permissions":"read","can_approve_pull_request_reviews":{{(ActionsCanApprove ? "true" : "false")}}}"""),
        ("GET", ["repos", "o", "r", "actions", "variables"]) => (200, VariablesJson(Variables)),
        ("POST", ["repos", "o", "r", "actions", "variables"]) => Create(Variables, body!),
        ("PATCH", ["repos", "o", "r", "actions", "variables", var name]) => Update(Variables, name, body!),
        ("GET", ["repos", "o", "r", "actions", "secrets"]) => (200, SecretsJson(Secrets)),
        ("GET", ["repos", "o", "r", "labels", var label]) => Labels.Contains(label)
            ? (200, $$"""{"id":208045946,"node_id":"MDU6TGFiZWwyMDgwNDU5NDY=","name":"{{label}}","color":"0e8a16","default":false}""")
            : NotFound,
        ("POST", ["repos", "o", "r", "labels"]) => AddLabel(body!),
        ("GET", ["repos", "o", "r", "environments", var name]) => Environments.TryGetValue(name, out var environment)
            ? (200, EnvironmentJson(name, environment))
            : NotFound,
        ("PUT", ["repos", "o", "r", "environments", var name]) => Put(name, body!),
        ("GET", ["repos", "o", "r", "environments", var name, "deployment-branch-policies"]) when Environments.TryGetValue(name, out var environment) => (200,
            JsonSerializer.Serialize(new
            {
                total_count = environment.Policies.Count,
                branch_policies = environment.Policies.Select(p => new { id = p.Id, node_id = "MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjE0NzE=", name = p.Name, type = p.Type }),
            })),
        ("POST", ["repos", "o", "r", "environments", var name, "deployment-branch-policies"]) when Environments.TryGetValue(name, out var environment) =>
            AddPolicy(environment, body!),
        ("DELETE", ["repos", "o", "r", "environments", var name, "deployment-branch-policies", var id]) when Environments.TryGetValue(name, out var environment) =>
            environment.Policies.RemoveAll(p => p.Id == long.Parse(id, CultureInfo.InvariantCulture)) > 0 ? (204, null) : NotFound,
        ("GET", ["repos", "o", "r", "environments", var name, "variables"]) when Environments.TryGetValue(name, out var environment) => (200,
            VariablesJson(environment.Variables)),
        ("POST", ["repos", "o", "r", "environments", var name, "variables"]) when Environments.TryGetValue(name, out var environment) =>
            Create(environment.Variables, body!),
        ("PATCH", ["repos", "o", "r", "environments", var name, "variables", var variable]) when Environments.TryGetValue(name, out var environment) =>
            Update(environment.Variables, variable, body!),
        ("GET", ["repos", "o", "r", "environments", var name, "secrets"]) when Environments.TryGetValue(name, out var environment) => (200,
            SecretsJson(environment.Secrets)),
        _ => NotFound,
    };

    private (int, string?) Put(string name, JsonNode body)
    {
        if (!Environments.TryGetValue(name, out var environment))
            Environments[name] = environment = new FakeEnvironment();
        environment.WaitTimer = body["wait_timer"]?.GetValue<int>() ?? environment.WaitTimer;
        environment.PreventSelfReview = body["prevent_self_review"]?.GetValue<bool>() ?? environment.PreventSelfReview;
        if (body["reviewers"] is JsonArray reviewers)
        {
            environment.Reviewers.Clear();
            environment.Reviewers.AddRange(reviewers.Select(r => (r!["type"]!.GetValue<string>(), r["id"]!.GetValue<long>())));
        }

        // GitHub's rule: a missing or null deployment_branch_policy lets every branch deploy; leaving custom policies removes them.
        environment.BranchPolicy = body["deployment_branch_policy"] is JsonObject policy
            ? (policy["protected_branches"]!.GetValue<bool>(), policy["custom_branch_policies"]!.GetValue<bool>())
            : null;
        if (environment.BranchPolicy is not (false, true))
            environment.Policies.Clear();
        return (200, EnvironmentJson(name, environment));
    }

    private (int, string?) AddPolicy(FakeEnvironment environment, JsonNode body)
    {
        if (environment.BranchPolicy is not (false, true))
            return (404, """{"message":"Not Found"}""");
        var policy = (_nextId++, body["name"]!.GetValue<string>(), body["type"]?.GetValue<string>() ?? "branch");
        environment.Policies.Add(policy);
        return (200, JsonSerializer.Serialize(new { id = policy.Item1, node_id = "MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjE0NzE=", name = policy.Item2, type = policy.Item3 }));
    }

    private (int, string?) AddLabel(JsonNode body)
    {
        Labels.Add(body["name"]!.GetValue<string>());
        return (201, """{"id":208045946,"node_id":"MDU6TGFiZWwyMDgwNDU5NDY=","name":"review-stack","color":"0e8a16","default":false}""");
    }

    private static (int, string?) Create(Dictionary<string, string> variables, JsonNode body)
    {
        var name = body["name"]!.GetValue<string>();
        if (variables.ContainsKey(name))
            return (409, """{"message":"Already exists - Variable already exists"}""");
        variables[name] = body["value"]!.GetValue<string>();
        return (201, "{}");
    }

    private static (int, string?) Update(Dictionary<string, string> variables, string name, JsonNode body)
    {
        if (!variables.ContainsKey(name))
            return NotFound;
        variables[name] = body["value"]!.GetValue<string>();
        return (204, null);
    }

    private static string VariablesJson(Dictionary<string, string> variables) => JsonSerializer.Serialize(new
    {
        total_count = variables.Count,
        variables = variables.Select(v => new { name = v.Key, value = v.Value, created_at = "2021-08-10T14:59:22Z", updated_at = "2022-01-10T14:59:22Z" }),
    });

    private static string SecretsJson(HashSet<string> secrets) => JsonSerializer.Serialize(new
    {
        total_count = secrets.Count,
        secrets = secrets.Select(s => new { name = s, created_at = "2019-08-10T14:59:22Z", updated_at = "2020-01-10T14:59:22Z" }),
    });

    private static string EnvironmentJson(string name, FakeEnvironment environment)
    {
        var rules = new List<object>();
        if (environment.WaitTimer > 0)
            rules.Add(new { id = 3736, node_id = "MDQ6R2F0ZTM3MzY=", type = "wait_timer", wait_timer = environment.WaitTimer });
        if (environment.Reviewers.Count > 0)
        {
            rules.Add(new
            {
                id = 3755, node_id = "MDQ6R2F0ZTM3NTU=", prevent_self_review = environment.PreventSelfReview, type = "required_reviewers",
                reviewers = environment.Reviewers.Select(r => r.Type == "Team"
                    ? (object)new { type = "Team", reviewer = new { id = r.Id, node_id = "MDQ6VGVhbTE=", name = "Platform", slug = "platform" } }
                    : new { type = "User", reviewer = new { login = Users.First(u => u.Value == r.Id).Key, id = r.Id, node_id = "MDQ6VXNlcjE=", type = "User" } }),
            });
        }

        if (environment.BranchPolicy is not null)
            rules.Add(new { id = 3756, node_id = "MDQ6R2F0ZTM3NTY=", type = "branch_policy" });
        return JsonSerializer.Serialize(new
        {
            id = 161088068, node_id = "MDExOkVudmlyb25tZW50MTYxMDg4MDY4", name,
            url = $"https://api.github.com/repos/o/r/environments/{name}", html_url = $"https://github.com/o/r/deployments/activity_log?environments_filter={name}",
            created_at = "2020-11-23T22:00:40Z", updated_at = "2020-11-23T22:00:40Z", can_admins_bypass = true,
            protection_rules = rules,
            deployment_branch_policy = environment.BranchPolicy is { } policy
                ? new { protected_branches = policy.Protected, custom_branch_policies = policy.Custom }
                : null,
        });
    }
}
