using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

public sealed class GitHubConnectionsTests
{
    [Fact]
    public async Task Uses_a_non_github_com_address_as_given_without_appending_api_v3()
    {
        await using var api = await FakeSecretsApi.StartAsync();
        var client = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(api.Server.BaseAddress, "t"), "o", "r");

        await client.GetPublicKeyAsync("env", CancellationToken.None);

        Assert.Equal("/repos/o/r/environments/env/secrets/public-key", api.Server.Requests.Single().RawPath);
    }

    [Theory]
    [InlineData("api/v3")]
    [InlineData("api/v3/")]
    public async Task Keeps_the_path_of_an_enterprise_server_address_with_or_without_trailing_slash(string path)
    {
        await using var api = await FakeSecretsApi.StartAsync();
        var apiUrl = new Uri(api.Server.BaseAddress, path);
        var client = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(apiUrl, "t"), "o", "r");

        await client.GetPublicKeyAsync("env", CancellationToken.None);

        Assert.Equal("/api/v3/repos/o/r/environments/env/secrets/public-key", api.Server.Requests.Single().RawPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Refuses_a_missing_token(string token)
    {
        var error = Assert.Throws<ArgumentException>(() => GitHubConnections.CreateConnection(new Uri("https://api.github.com"), token));

        Assert.Contains("token is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://ghe.example.com/api/v3")]
    [InlineData("http://10.0.0.7/api/v3")]
    public void Refuses_to_send_a_token_over_plain_http_to_another_machine(string apiUrl)
    {
        var error = Assert.Throws<ArgumentException>(() => GitHubConnections.CreateConnection(new Uri(apiUrl), "t"));

        Assert.Contains("must be https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_a_client_at_the_address_given()
    {
        var client = GitHubConnections.CreateClient(new Uri("https://ghe.example.com/api/v3"), "t");

        Assert.Equal(new Uri("https://ghe.example.com/api/v3/"), client.Connection.BaseAddress);
    }
}
