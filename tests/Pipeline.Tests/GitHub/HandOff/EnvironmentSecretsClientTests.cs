using System.Net;
using System.Text.Json;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.HandOff;

public sealed class EnvironmentSecretsClientTests : IAsyncLifetime
{
    private const string Token = "github_pat_11TESTTOKEN";
    private FakeSecretsApi _api = null!;
    private EnvironmentSecretsClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSecretsApi.StartAsync();
        _client = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(_api.Server.BaseAddress, Token), "octo-org", "pipeline");
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("aws-unprivileged", "aws-unprivileged")]
    [InlineData("AWS unprivileged (prod)", "AWS%20unprivileged%20%28prod%29")]
    [InlineData("prod eu #1?", "prod%20eu%20%231%3F")]
    [InlineData("unprivilégié", "unprivil%C3%A9gi%C3%A9")]
    [InlineData("...", "...")]
    [InlineData("%2e%2e", "%252e%252e")]
    [InlineData("a\\..", "a%5C..")]
    [InlineData("x;y=z&w", "x%3By%3Dz%26w")]
    public async Task Writes_to_the_environment_named_in_the_path_url_encoded(string environment, string encoded)
    {
        await _client.SetAsync(environment, "ASSUME_ROLE_ARN", "arn:aws:iam::123456789012:role/x", CancellationToken.None);

        Assert.Equal(
            [
                ("GET", $"/repos/octo-org/pipeline/environments/{encoded}/secrets/public-key"),
                ("PUT", $"/repos/octo-org/pipeline/environments/{encoded}/secrets/ASSUME_ROLE_ARN"),
            ],
            _api.Server.Requests.Select(r => (r.Method, r.RawPath)));
        Assert.Equal("arn:aws:iam::123456789012:role/x", _api.Open(environment, "ASSUME_ROLE_ARN"));
    }

    [Fact]
    public async Task Sends_the_sealed_value_and_the_key_id_with_the_token()
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        await _client.SetAsync("aws-unprivileged", "UNPRIVILEGED_AWS_SECRET_ACCESS_KEY", secret, CancellationToken.None);

        var put = _api.Server.Requests.Single(r => r.Method == "PUT");
        using var body = JsonDocument.Parse(put.Body);
        Assert.Equal(["encrypted_value", "key_id"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(FakeSecretsApi.KeyId, body.RootElement.GetProperty("key_id").GetString());
        Assert.DoesNotContain(secret, put.Body, StringComparison.Ordinal);
        Assert.Equal(secret, _api.Open("aws-unprivileged", "UNPRIVILEGED_AWS_SECRET_ACCESS_KEY"));
        Assert.All(_api.Server.Requests, r => Assert.EndsWith(Token, r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_answers_201_and_replacing_answers_204_and_both_succeed()
    {
        await _client.SetAsync("aws-unprivileged", "ASSUME_ROLE_ARN", "first", CancellationToken.None);
        await _client.SetAsync("aws-unprivileged", "ASSUME_ROLE_ARN", "second", CancellationToken.None);

        Assert.Equal("second", _api.Open("aws-unprivileged", "ASSUME_ROLE_ARN"));
    }

    [Fact]
    public async Task Returns_the_environments_public_key()
    {
        var key = await _client.GetPublicKeyAsync("aws-unprivileged", CancellationToken.None);

        Assert.Equal(FakeSecretsApi.KeyId, key.KeyId);
        Assert.Equal(_api.KeyPair.PublicKey, Convert.FromBase64String(key.Key));
    }

    [Theory]
    [InlineData(401, "invalid or has expired")]
    [InlineData(403, "\"Secrets: write\" and \"Environments: write\"")]
    [InlineData(403, "classic token with the repo scope")]
    [InlineData(403, "GITHUB_TOKEN cannot write secrets")]
    [InlineData(404, "create the environment 'aws-unprivileged'")]
    [InlineData(404, "octo-org/pipeline")]
    public async Task Explains_what_to_change_when_GitHub_refuses(int status, string expected)
    {
        _api.FailWith = status;
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        var error = await Assert.ThrowsAsync<EnvironmentSecretsException>(
            () => _client.SetAsync("aws-unprivileged", "UNPRIVILEGED_AWS_SECRET_ACCESS_KEY", secret, CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_secret_that_is_already_gone_is_fine()
    {
        await _client.SetAsync("aws-unprivileged", "ASSUME_ROLE_ARN", "value", CancellationToken.None);

        Assert.True(await _client.DeleteAsync("aws-unprivileged", "ASSUME_ROLE_ARN", CancellationToken.None));
        Assert.False(await _client.DeleteAsync("aws-unprivileged", "ASSUME_ROLE_ARN", CancellationToken.None));
        Assert.Empty(_api.Names("aws-unprivileged"));
    }

    [Fact]
    public async Task Deleting_explains_a_refusal_other_than_404()
    {
        _api.FailWith = 403;

        var error = await Assert.ThrowsAsync<EnvironmentSecretsException>(
            () => _client.DeleteAsync("aws-unprivileged", "ASSUME_ROLE_ARN", CancellationToken.None));

        Assert.Contains("deleting the secret ASSUME_ROLE_ARN", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1_STARTS_WITH_DIGIT")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("github_anything")]
    [InlineData("HAS-DASH")]
    [InlineData("HAS SPACE")]
    public async Task Refuses_an_invalid_secret_name_before_calling_GitHub(string name)
    {
        await Assert.ThrowsAsync<InvalidInputException>(() => _client.SetAsync("aws-unprivileged", name, "v", CancellationToken.None));

        Assert.Empty(_api.Server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../../../user")]
    [InlineData("prod/eu")]
    public async Task Refuses_an_environment_name_that_could_change_the_route_before_calling_GitHub(string environment)
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _client.SetAsync(environment, "ASSUME_ROLE_ARN", "v", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidInputException>(() => _client.DeleteAsync(environment, "ASSUME_ROLE_ARN", CancellationToken.None));

        Assert.Contains("not '.' or '..'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Server.Requests);
    }

    [Fact]
    public async Task A_cancelled_call_stops_before_writing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _client.SetAsync("aws-unprivileged", "ASSUME_ROLE_ARN", "v", cancelled.Token));

        Assert.DoesNotContain(_api.Server.Requests, r => r.Method == "PUT");
    }
}
