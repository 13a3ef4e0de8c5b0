using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Operations.Review;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Tests.GitHub;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

/// <summary>Whether a review stack's pull request is still open, asked with Octokit of a local GitHub server.</summary>
public sealed class PullRequestStatesTests : IAsyncLifetime
{
    private LocalGitHubServer _server = null!;
    private PullRequestStates _states = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalGitHubServer.StartAsync((request, response) => request.RawPath switch
        {
            "/repos/o/r" => LocalGitHubServer.Json(response, 200, """{"id":1,"name":"r","full_name":"o/r","private":true}"""),
            "/repos/o/refused" => LocalGitHubServer.Json(response, 403, """{"message":"Resource not accessible by integration"}"""),
            "/repos/o/r/pulls/1" => LocalGitHubServer.Json(response, 200, """{"number":1,"state":"open","merged":false}"""),
            "/repos/o/r/pulls/2" => LocalGitHubServer.Json(response, 200, """{"number":2,"state":"closed","merged":false,"merged_at":null}"""),
            "/repos/o/r/pulls/3" => LocalGitHubServer.Json(response, 200, """{"number":3,"state":"closed","merged":true,"merged_at":"2030-05-01T10:00:00Z"}"""),
            "/repos/o/r/pulls/5" => LocalGitHubServer.Json(response, 403, """{"message":"Resource not accessible by integration"}"""),
            _ => LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}"""),
        });
        _states = new PullRequestStates(GitHubConnections.CreateClient(_server.BaseAddress, "t"), "o", "r");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Tells_open_closed_merged_and_unknown_pull_requests_apart()
    {
        var states = await _states.GetAllAsync([1, 2, 3, 4, 2], CancellationToken.None);

        Assert.Equal(
            new Dictionary<int, PullRequestStatus>
            {
                [1] = PullRequestStatus.Open, [2] = PullRequestStatus.Closed, [3] = PullRequestStatus.Merged, [4] = PullRequestStatus.Missing,
            },
            states);
        Assert.Equal(["/repos/o/r", "/repos/o/r/pulls/1", "/repos/o/r/pulls/2", "/repos/o/r/pulls/3", "/repos/o/r/pulls/4"],
            _server.Requests.Select(r => r.RawPath));
    }

    [Fact]
    public async Task A_refusal_stops_the_sweep_with_what_to_fix_instead_of_guessing_closed()
    {
        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => _states.GetAllAsync([5], CancellationToken.None));

        Assert.Equal(
            "Could not read pull request #5 of o/r: the token may not read pull requests (the job needs pull-requests: read), " +
            "or a rate limit stopped it. Nothing was swept.",
            error.Message);
    }

    [Fact]
    public async Task A_repository_the_token_cannot_see_stops_the_sweep_before_any_pull_request_reads_as_missing()
    {
        var states = new PullRequestStates(GitHubConnections.CreateClient(_server.BaseAddress, "t"), "o", "elsewhere");

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => states.GetAllAsync([1, 2], CancellationToken.None));

        Assert.Equal(
            "Could not read the repository o/elsewhere (404): GITHUB_REPOSITORY is wrong, or the token cannot see the repository, " +
            "and then every pull request would read as missing. Nothing was swept.",
            error.Message);
        Assert.Equal(["/repos/o/elsewhere"], _server.Requests.Select(r => r.RawPath));
    }

    [Fact]
    public async Task A_repository_GitHub_refuses_to_show_stops_the_sweep_too()
    {
        var states = new PullRequestStates(GitHubConnections.CreateClient(_server.BaseAddress, "t"), "o", "refused");

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => states.GetAllAsync([1], CancellationToken.None));

        Assert.StartsWith("Could not read the repository o/refused (403): ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was swept.", error.Message, StringComparison.Ordinal);
    }
}
