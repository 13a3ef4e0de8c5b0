using System.Globalization;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub;

/// <summary>
/// The facts about the current workflow run that GitHub puts in the job's environment, checked once.
/// The file paths are null when the variable is absent (e.g. a local run).
/// </summary>
public sealed partial record GitHubContext(
    string Owner,
    string Repository,
    Uri ApiUrl,
    Uri ServerUrl,
    long RunId,
    string EventName,
    string Ref,
    string? StepSummaryPath,
    string? OutputPath,
    string? EnvPath)
{
    public static readonly Uri DefaultApiUrl = new("https://api.github.com");
    public static readonly Uri DefaultServerUrl = new("https://github.com");

    /// <summary>The page of this workflow run, for links in comments and summaries.</summary>
    public Uri RunUrl => new($"{ServerUrl.AbsoluteUri.TrimEnd('/')}/{Owner}/{Repository}/actions/runs/{RunId}");

    /// <summary>The pull request number, from a ref such as <c>refs/pull/42/merge</c>; null for a branch or tag.</summary>
    public int? PullRequestNumber
    {
        get
        {
            var match = PullRequestRefPattern().Match(Ref);
            return match.Success && int.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;
        }
    }

    public bool IsPullRequest =>
        EventName is "pull_request" or "pull_request_target" && PullRequestNumber is not null;

    /// <summary>Reads and checks GitHub's variables; a bad one fails with a message naming it and its rule.</summary>
    /// <exception cref="InvalidInputException">A variable is missing or malformed.</exception>
    public static GitHubContext FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Read(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var repository = Read("GITHUB_REPOSITORY");
        var repositoryMatch = repository is null ? Match.Empty : RepositoryPattern().Match(repository);
        if (!repositoryMatch.Success)
            Fail("GITHUB_REPOSITORY", repository, "owner/name, e.g. octo-org/assume-role-pipeline");

        var runId = Read("GITHUB_RUN_ID");
        if (!long.TryParse(runId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedRunId) || parsedRunId <= 0)
            Fail("GITHUB_RUN_ID", runId, "a positive whole number");

        return new GitHubContext(
            repositoryMatch.Groups["owner"].Value,
            repositoryMatch.Groups["name"].Value,
            ApiUrlFrom(environment),
            HttpUrl("GITHUB_SERVER_URL", Read("GITHUB_SERVER_URL")) ?? DefaultServerUrl,
            parsedRunId,
            Read("GITHUB_EVENT_NAME") ?? string.Empty,
            Read("GITHUB_REF") ?? string.Empty,
            Read("GITHUB_STEP_SUMMARY"),
            Read("GITHUB_OUTPUT"),
            Read("GITHUB_ENV"));
    }

    /// <summary>Where the tokens go: https only (<see cref="GitHubConnections.CarriesTokensSafely"/>).</summary>
    /// <summary>
    /// GITHUB_API_URL (GitHub Enterprise Server), else api.github.com: the address every token is sent to, so https only
    /// (http to a loopback test server).
    /// </summary>
    /// <exception cref="InvalidInputException">GITHUB_API_URL is set to anything else.</exception>
    public static Uri ApiUrlFrom(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("GITHUB_API_URL") is not { Length: > 0 } value)
            return DefaultApiUrl;
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && GitHubConnections.CarriesTokensSafely(url))
            return url;
        Fail("GITHUB_API_URL", value, GitHubConnections.SafeApiUrlRule);
        return DefaultApiUrl;
    }

    /// <summary>Only for links: http is allowed.</summary>
    private static Uri? HttpUrl(string variable, string? value)
    {
        if (value is null)
            return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            return url;
        Fail(variable, value, "an absolute http or https URL");
        return null;
    }

    private static void Fail(string variable, string? value, string rule) =>
        throw new InvalidInputException(new InputError($"environment variable {variable}", value, rule));

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<name>[A-Za-z0-9._-]{1,100})\z")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^refs/pull/(?<number>[0-9]{1,9})/(?:merge|head)\z")]
    private static partial Regex PullRequestRefPattern();
}
