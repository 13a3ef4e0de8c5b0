using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

public sealed class GitHubContextTests
{
    private static Func<string, string?> Environment(params (string Name, string? Value)[] overrides)
    {
        var variables = new Dictionary<string, string?>
        {
            ["GITHUB_REPOSITORY"] = "octo-org/assume-role-pipeline",
            ["GITHUB_RUN_ID"] = "1658821493",
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_REF"] = "refs/pull/42/merge",
            ["GITHUB_STEP_SUMMARY"] = "/home/runner/_temp/_runner_file_commands/step_summary_1",
            ["GITHUB_OUTPUT"] = "/home/runner/_temp/_runner_file_commands/set_output_1",
            ["GITHUB_ENV"] = "/home/runner/_temp/_runner_file_commands/set_env_1",
        };
        foreach (var (name, value) in overrides)
            variables[name] = value;
        return name => variables.GetValueOrDefault(name);
    }

    [Fact]
    public void Reads_a_pull_request_run()
    {
        var context = GitHubContext.FromEnvironment(Environment());

        Assert.Equal("octo-org", context.Owner);
        Assert.Equal("assume-role-pipeline", context.Repository);
        Assert.True(context.IsPullRequest);
        Assert.Equal(42, context.PullRequestNumber);
        Assert.Equal("/home/runner/_temp/_runner_file_commands/set_output_1", context.OutputPath);
        Assert.Equal(new Uri("https://github.com/octo-org/assume-role-pipeline/actions/runs/1658821493"), context.RunUrl);
    }

    [Fact]
    public void Defaults_to_github_com_when_the_urls_are_absent()
    {
        var context = GitHubContext.FromEnvironment(Environment());

        Assert.Equal(new Uri("https://api.github.com"), context.ApiUrl);
        Assert.Equal(new Uri("https://github.com"), context.ServerUrl);
    }

    [Fact]
    public void Uses_an_enterprise_servers_urls()
    {
        var context = GitHubContext.FromEnvironment(Environment(
            ("GITHUB_API_URL", "https://ghe.example.com/api/v3"), ("GITHUB_SERVER_URL", "https://ghe.example.com/")));

        Assert.Equal(new Uri("https://ghe.example.com/api/v3"), context.ApiUrl);
        Assert.Equal(new Uri("https://ghe.example.com/octo-org/assume-role-pipeline/actions/runs/1658821493"), context.RunUrl);
    }

    [Theory]
    [InlineData("push", "refs/heads/main")]
    [InlineData("workflow_dispatch", "refs/heads/main")]
    [InlineData("pull_request", "refs/heads/feature")]
    public void A_branch_run_is_not_a_pull_request(string eventName, string gitRef)
    {
        var context = GitHubContext.FromEnvironment(Environment(("GITHUB_EVENT_NAME", eventName), ("GITHUB_REF", gitRef)));

        Assert.False(context.IsPullRequest);
        Assert.Null(context.PullRequestNumber);
    }

    [Theory]
    [InlineData("GITHUB_REPOSITORY", null, "owner/name")]
    [InlineData("GITHUB_REPOSITORY", "no-slash", "owner/name")]
    [InlineData("GITHUB_REPOSITORY", "a/b/c", "owner/name")]
    [InlineData("GITHUB_RUN_ID", "", "positive whole number")]
    [InlineData("GITHUB_RUN_ID", "-3", "positive whole number")]
    [InlineData("GITHUB_API_URL", "api.github.com", "absolute https URL")]
    [InlineData("GITHUB_API_URL", "http://ghe.example.com/api/v3", "the token does not travel in clear")]
    [InlineData("GITHUB_API_URL", "ftp://ghe.example.com/api/v3", "absolute https URL")]
    [InlineData("GITHUB_SERVER_URL", "ftp://github.com", "absolute http or https URL")]
    public void A_bad_variable_fails_naming_the_variable_and_its_rule(string name, string? value, string rule)
    {
        var error = Assert.Throws<InvalidInputException>(() => GitHubContext.FromEnvironment(Environment((name, value))));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://localhost:3000/api/v3")]
    [InlineData("http://[::1]:8080/")]
    public void Plain_http_is_allowed_for_the_API_only_on_this_machine(string apiUrl)
    {
        Assert.Equal(new Uri(apiUrl), GitHubContext.FromEnvironment(Environment(("GITHUB_API_URL", apiUrl))).ApiUrl);
    }

    [Fact]
    public void Absent_files_are_null_for_a_local_run()
    {
        var context = GitHubContext.FromEnvironment(Environment(("GITHUB_STEP_SUMMARY", null), ("GITHUB_OUTPUT", ""), ("GITHUB_ENV", null)));

        Assert.Null(context.StepSummaryPath);
        Assert.Null(context.OutputPath);
        Assert.Null(context.EnvPath);
    }
}
