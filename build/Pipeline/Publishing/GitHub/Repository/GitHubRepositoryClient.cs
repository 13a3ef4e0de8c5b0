using AssumeRolePipeline.Pipeline.Safety.Masking;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;
using AssumeRolePipeline.Pipeline.Safety.Posture;
using AssumeRolePipeline.Pipeline.Settings;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Repository;

/// <summary>
/// The repository settings the set-up and the checks read and write, through GitHub's REST API. Octokit 14 has no client for
/// environments, their branch policies or Actions variables, so the endpoints are called through its <see cref="IConnection"/>
/// (its authentication, headers and errors) with the JSON read and written here, exactly as GitHub documents it (a
/// <c>deployment_branch_policy</c> of <c>null</c> must be sent, not left out). Each path is built segment by segment
/// (<see cref="ApiPath"/>). A refused call throws a <see cref="GitHubCallException"/> naming the call and what to do.
/// </summary>
public sealed class GitHubRepositoryClient : IGitHubRepositorySettings
{
    /// <summary>What the token needs, in words, for the messages of a 403.</summary>
    public const string AdministrationPermission =
        "a token of a repository administrator: a fine-grained token with the repository permissions Administration, Environments, Variables " +
        "and Secrets (read, and write for SetUp), or a classic token with the repo scope (e.g. gh auth token)";

    private const int PageSize = 30;

    private readonly IConnection _connection;
    private readonly GitHubRepositoryName _repository;
    private readonly string _permission;

    /// <param name="permission">What the token must be allowed, as a 403's message says it.</param>
    private readonly SecretMasker _masker;

    /// <param name="masker">Holds the token: an answer GitHub (or a proxy before it) gives is quoted only through it.</param>
    public GitHubRepositoryClient(IConnection connection, GitHubRepositoryName repository, SecretMasker masker, string permission = AdministrationPermission)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(masker);
        _connection = connection;
        _repository = repository;
        _masker = masker;
        _permission = permission;
    }

    public async Task<RepositoryFacts> GetRepositoryAsync(CancellationToken cancellationToken)
    {
        var json = await GetAsync(Repo(), cancellationToken).ConfigureAwait(false);
        var isPrivate = json.TryGetProperty("private", out var p) && p.ValueKind == JsonValueKind.True;
        return new RepositoryFacts(
            String(json, "default_branch") ?? throw new GitHubCallException($"GitHub's answer to GET {Show(Repo())} names no default branch."),
            isPrivate,
            String(json, "visibility") ?? (isPrivate ? "private" : "public"));
    }

    public async Task<ObservedEnvironment?> GetEnvironmentAsync(string environment, CancellationToken cancellationToken)
    {
        JsonElement json;
        try
        {
            json = await GetAsync(Repo("environments", environment), cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        }
        catch (NotFoundAnswer)
        {
            return null;
        }

        DeploymentBranchPolicy? branchPolicy = json.TryGetProperty("deployment_branch_policy", out var policy) && policy.ValueKind == JsonValueKind.Object
            ? new DeploymentBranchPolicy(Bool(policy, "protected_branches"), Bool(policy, "custom_branch_policies"))
            : null;
        ReviewersRule? reviewers = null;
        int? waitTimer = null;
        if (json.TryGetProperty("protection_rules", out var rules) && rules.ValueKind == JsonValueKind.Array)
        {
            foreach (var rule in rules.EnumerateArray())
            {
                switch (String(rule, "type"))
                {
                    case "required_reviewers":
                        reviewers = new ReviewersRule(Reviewers(rule), Bool(rule, "prevent_self_review"));
                        break;
                    case "wait_timer" when rule.TryGetProperty("wait_timer", out var minutes) && minutes.TryGetInt32(out var value):
                        waitTimer = value;
                        break;
                }
            }
        }

        var branchPolicies = branchPolicy is { CustomBranchPolicies: true }
            ? await ListAsync(Repo("environments", environment, "deployment-branch-policies"), "branch_policies", 100, cancellationToken)
                .ConfigureAwait(false)
            : [];
        return new ObservedEnvironment(environment, branchPolicy, [.. branchPolicies.Select(p => new BranchPolicy(
            p.TryGetProperty("id", out var id) && id.TryGetInt64(out var number) ? number : 0,
            String(p, "name") ?? "",
            String(p, "type") ?? BranchPolicy.BranchType))], reviewers, waitTimer);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetVariablesAsync(string? environment, CancellationToken cancellationToken)
    {
        var items = await ListAsync(Variables(environment), "variables", PageSize, cancellationToken).ConfigureAwait(false);
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (String(item, "name") is { } name)
                variables[name] = String(item, "value") ?? "";
        }

        return variables;
    }

    public async Task<IReadOnlyList<string>> GetSecretNamesAsync(string? environment, CancellationToken cancellationToken)
    {
        var path = environment is null ? Repo("actions", "secrets") : Repo("environments", environment, "secrets");
        var items = await ListAsync(path, "secrets", 100, cancellationToken).ConfigureAwait(false);
        return [.. items.Select(i => String(i, "name")).OfType<string>()];
    }

    public async Task<bool?> CanActionsApprovePullRequestsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var json = await GetAsync(Repo("actions", "permissions", "workflow"), cancellationToken).ConfigureAwait(false);
            return Bool(json, "can_approve_pull_request_reviews");
        }
        catch (GitHubCallException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && e.InnerException is not RateLimitExceededException &&
                                            !(e.InnerException is ApiException api && GitHubRateLimit.IsRateLimit(api)))
        {
            return null;
        }
    }

    public async Task<bool> LabelExistsAsync(string label, CancellationToken cancellationToken)
    {
        try
        {
            await GetAsync(Repo("labels", label), cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
            return true;
        }
        catch (NotFoundAnswer)
        {
            return false;
        }
    }

    public async Task<ObservedReviewer> GetReviewerAsync(GitHubReviewer reviewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        var path = reviewer.Organisation is { } organisation ? ApiPath.Of("orgs", organisation, "teams", reviewer.Name) : ApiPath.Of("users", reviewer.Name);
        JsonElement json;
        try
        {
            json = await GetAsync(path, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        }
        catch (NotFoundAnswer)
        {
            throw new GitHubCallException(HttpStatusCode.NotFound,
                $"GitHub knows no {(reviewer.IsTeam ? "team" : "user")} '{reviewer}' (GET {Show(path)}: 404 Not Found): correct the reviewer in " +
                $"{StackDeclaration.RelativePath}{(reviewer.IsTeam ? ", and give the token read access to the organisation's teams" : "")}. Nothing was changed.", null);
        }

        var id = json.TryGetProperty("id", out var value) && value.TryGetInt64(out var number)
            ? number
            : throw new GitHubCallException($"GitHub's answer to GET {Show(path)} has no id.");
        return new ObservedReviewer(reviewer.IsTeam ? ObservedReviewer.TeamType : ObservedReviewer.UserType, id, reviewer.ToString());
    }

    public async Task PutEnvironmentAsync(string environment, EnvironmentProtection protection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protection);
        var body = new JsonObject
        {
            ["wait_timer"] = protection.WaitTimer,
            ["prevent_self_review"] = protection.PreventSelfReview,
            ["reviewers"] = new JsonArray([.. protection.Reviewers.Select(r => (JsonNode)new JsonObject { ["type"] = r.Type, ["id"] = r.Id })]),
            ["deployment_branch_policy"] = protection.BranchPolicy is { } policy
                ? new JsonObject { ["protected_branches"] = policy.ProtectedBranches, ["custom_branch_policies"] = policy.CustomBranchPolicies }
                : null,
        };
        var path = Repo("environments", environment);
        await Call("PUT", path, () => _connection.Put<object>(path, body.ToJsonString()), cancellationToken).ConfigureAwait(false);
    }

    public async Task AddBranchPolicyAsync(string environment, string branch, CancellationToken cancellationToken)
    {
        var path = Repo("environments", environment, "deployment-branch-policies");
        var body = new JsonObject { ["name"] = branch, ["type"] = BranchPolicy.BranchType }.ToJsonString();
        await Call("POST", path, () => _connection.Post(path, body, "application/vnd.github+json", cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteBranchPolicyAsync(string environment, long policyId, CancellationToken cancellationToken)
    {
        var path = Repo("environments", environment, "deployment-branch-policies", policyId.ToString(CultureInfo.InvariantCulture));
        await Call("DELETE", path, () => _connection.Delete(path), cancellationToken).ConfigureAwait(false);
    }

    public async Task SetVariableAsync(string? environment, string name, string value, bool exists, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = name, ["value"] = value }.ToJsonString();
        if (exists)
        {
            var path = ApiPath.Of([.. Segments(Variables(environment)), name]);
            // As object: Patch(Uri, string) takes the string as the Accept header, not as the body.
            await Call("PATCH", path, () => _connection.Patch(path, (object)body), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var path = Variables(environment);
            await Call("POST", path, () => _connection.Post(path, body, "application/vnd.github+json", cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CreateLabelAsync(string label, string color, string description, CancellationToken cancellationToken)
    {
        var path = Repo("labels");
        var body = new JsonObject { ["name"] = label, ["color"] = color, ["description"] = description }.ToJsonString();
        await Call("POST", path, () => _connection.Post(path, body, "application/vnd.github+json", cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private Uri Repo(params string[] segments) => ApiPath.Of(["repos", _repository.Owner, _repository.Name, .. segments]);

    private Uri Variables(string? environment) =>
        environment is null ? Repo("actions", "variables") : Repo("environments", environment, "variables");

    private static string[] Segments(Uri path) => [.. path.OriginalString.Split('/').Select(Uri.UnescapeDataString)];

    /// <summary>Every item of a paged list (<c>total_count</c> and an array under <paramref name="property"/>).</summary>
    private async Task<IReadOnlyList<JsonElement>> ListAsync(Uri path, string property, int pageSize, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var parameters = new Dictionary<string, string>
            {
                ["per_page"] = pageSize.ToString(CultureInfo.InvariantCulture), ["page"] = page.ToString(CultureInfo.InvariantCulture),
            };
            var json = await GetAsync(path, cancellationToken, parameters: parameters).ConfigureAwait(false);
            var list = json.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToList() : [];
            items.AddRange(list);
            var total = json.TryGetProperty("total_count", out var count) && count.TryGetInt32(out var number) ? number : items.Count;
            if (list.Count == 0 || items.Count >= total)
                return items;
        }
    }

    private async Task<JsonElement> GetAsync(Uri path, CancellationToken cancellationToken, bool notFoundIsNull = false, Dictionary<string, string>? parameters = null)
    {
        IApiResponse<object> response;
        try
        {
            response = await Call("GET", path, () => _connection.Get<object>(path, parameters, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubCallException e) when (notFoundIsNull && e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new NotFoundAnswer();
        }

        var text = response.HttpResponse.Body as string;
        try
        {
            return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "{}" : text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new GitHubCallException($"GitHub's answer to GET {Show(path)} is not JSON; is GITHUB_API_URL the REST API's address?");
        }
    }

    // Octokit's connection takes no cancellation token for PUT, PATCH and DELETE: stop waiting instead.
    private async Task<T> Call<T>(string method, Uri path, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException error)
        {
            throw Explain(error, $"{method} {Show(path)}");
        }
        // No answer at all (connection refused or dropped, DNS, TLS, Octokit's timeout): one line too, so that SetUp still says
        // what it did and did not do. The message names the call and the transport's reason, never a header or a body.
        catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new GitHubCallException(null,
                $"GitHub did not answer {method} {Show(path)} ({OneLine(_masker.Redact(error.Message))}); check the network and GITHUB_API_URL (if set), then run the " +
                "command again.", error);
        }
    }

    private GitHubCallException Explain(ApiException error, string call)
    {
        var message = error switch
        {
            _ when GitHubRateLimit.IsRateLimit(error) =>
                $"GitHub's rate limit stopped {call}; run the command again {GitHubRateLimit.WhenToRetry(error)}.",
            { StatusCode: HttpStatusCode.Unauthorized } =>
                $"GitHub rejected the token (401 Unauthorized) at {call}: it is invalid or has expired; set GITHUB_TOKEN to a valid one.",
            { StatusCode: HttpStatusCode.Forbidden } =>
                $"GitHub refused {call} (403 Forbidden): the token lacks permission; it needs {_permission}.",
            { StatusCode: HttpStatusCode.NotFound } =>
                $"GitHub found nothing at {call} (404 Not Found): check the repository {_repository}, and that the token may see it " +
                "(a fine-grained token sees only the repositories it was issued for).",
            _ => $"GitHub answered {(int)error.StatusCode} {error.StatusCode} to {call}: {OneLine(_masker.Redact(error.ApiError?.Message ?? error.Message))}.",
        };
        return new GitHubCallException(error.StatusCode, message, error);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');

    private static string Show(Uri path) => "/" + path.OriginalString;

    private static string? String(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    private static List<ObservedReviewer> Reviewers(JsonElement rule)
    {
        var reviewers = new List<ObservedReviewer>();
        if (!rule.TryGetProperty("reviewers", out var list) || list.ValueKind != JsonValueKind.Array)
            return reviewers;
        foreach (var entry in list.EnumerateArray())
        {
            if (!entry.TryGetProperty("reviewer", out var reviewer) || reviewer.ValueKind != JsonValueKind.Object)
                continue;
            var type = String(entry, "type") ?? ObservedReviewer.UserType;
            var id = reviewer.TryGetProperty("id", out var value) && value.TryGetInt64(out var number) ? number : 0;
            reviewers.Add(new ObservedReviewer(type, id, String(reviewer, type == ObservedReviewer.TeamType ? "slug" : "login") ?? String(reviewer, "name") ?? $"{id}"));
        }

        return reviewers;
    }

    /// <summary>A 404 where "does not exist" is an answer, not a failure.</summary>
    private sealed class NotFoundAnswer : Exception;
}
