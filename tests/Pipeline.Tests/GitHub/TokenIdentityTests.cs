using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

public sealed class TokenIdentityTests : IAsyncLifetime
{
    private FakeIssuesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeIssuesApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<string> LoginAsync() =>
        TokenIdentity.LoginAsync(GitHubConnections.CreateClient(_api.Server.BaseAddress, "t"), CancellationToken.None);

    [Fact]
    public async Task A_token_that_may_read_its_user_writes_as_that_user()
    {
        _api.UserLogin = "drift-bot";

        Assert.Equal("drift-bot", await LoginAsync());
    }

    [Fact]
    public async Task A_workflow_token_refused_GET_user_writes_as_the_actions_bot()
    {
        _api.UserLogin = null; // 403 "Resource not accessible by integration"

        Assert.Equal(TokenIdentity.GitHubActionsBot, await LoginAsync());
    }

    [Theory]
    [MemberData(nameof(RateLimitAnswer.Names), MemberType = typeof(RateLimitAnswer))]
    public async Task A_rate_limit_says_nothing_of_the_token_and_is_passed_on(string answer)
    {
        _api.RateLimited = RateLimitAnswer.All[answer];

        await Assert.ThrowsAnyAsync<ApiException>(LoginAsync);
    }
}
