using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Safety.HandOff;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.HandOff;

public sealed class CredentialHandOffTests : IAsyncLifetime
{
    private const string Environment = "aws-unprivileged";
    private static readonly UnprivilegedCredentials Credentials = new(
        "arn:aws:iam::123456789012:role/assume-role-dev", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private readonly List<string> _events = [];
    private FakeSecretsApi _api = null!;
    private CredentialHandOff _handOff = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSecretsApi.StartAsync();
        var client = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(_api.Server.BaseAddress, "t"), "o", "r");
        _handOff = new CredentialHandOff(client, value => _events.Add($"mask {value} after {_api.Server.Requests.Count} calls"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Writes_the_secrets_that_open_to_the_credentials_and_read_back_as_a_complete_hand_off()
    {
        await _handOff.WriteAsync(Environment, Credentials, CancellationToken.None);

        Assert.Equal(Credentials.RoleArn, _api.Open(Environment, HandOffSecretNames.RoleArn));
        Assert.Equal(Credentials.AccessKeyId, _api.Open(Environment, HandOffSecretNames.AccessKeyId));
        Assert.Equal(Credentials.SecretAccessKey, _api.Open(Environment, HandOffSecretNames.SecretAccessKey));
        Assert.Equal(Credentials, HandOffCheck.Read(name => _api.Open(Environment, name), expectedAccessKeyId: Credentials.AccessKeyId));
    }

    [Fact]
    public async Task Masks_the_secret_access_key_and_the_fingerprint_before_any_call_and_leaves_the_ids_printable()
    {
        await _handOff.WriteAsync(Environment, Credentials, CancellationToken.None);

        Assert.Equal(
            [$"mask {Credentials.SecretAccessKey} after 0 calls", $"mask {_api.Open(Environment, HandOffSecretNames.Fingerprint)} after 0 calls"],
            _events);
    }

    [Fact]
    public async Task Writes_the_fingerprint_last_so_a_hand_off_read_halfway_through_a_rewrite_is_partial()
    {
        await _handOff.WriteAsync(Environment, Credentials, CancellationToken.None);
        var rotated = new UnprivilegedCredentials(
            "arn:aws:iam::123456789012:role/assume-role-new", "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");
        var seenAfterEachWrite = new List<HandOffProblem?>();
        var client = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(_api.Server.BaseAddress, "t"), "o", "r");
        _api.AfterWrite = () => seenAfterEachWrite.Add(ProblemReading());

        await new CredentialHandOff(client, _ => { }).WriteAsync(Environment, rotated, CancellationToken.None);

        var written = _api.Server.Requests.Where(r => r.Method == "PUT").Select(r => r.RawPath.Split('/')[^1]).ToList();
        Assert.Equal([.. HandOffSecretNames.All, .. HandOffSecretNames.All], written);
        Assert.Equal([HandOffProblem.Partial, HandOffProblem.Partial, HandOffProblem.Partial, null], seenAfterEachWrite);
    }

    private HandOffProblem? ProblemReading()
    {
        try
        {
            HandOffCheck.Read(name => _api.Open(Environment, name), expectedAccessKeyId: null);
            return null;
        }
        catch (HandOffException e)
        {
            return e.Problem;
        }
    }

    [Fact]
    public async Task Running_it_again_replaces_the_values_in_place()
    {
        await _handOff.WriteAsync(Environment, Credentials, CancellationToken.None);
        var rotated = Credentials with { AccessKeyId = "AKIAI44QH8DHBEXAMPLE", SecretAccessKey = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" };

        await _handOff.WriteAsync(Environment, rotated, CancellationToken.None);

        Assert.Equal(4, _api.Names(Environment).Count);
        Assert.Equal(rotated.AccessKeyId, _api.Open(Environment, HandOffSecretNames.AccessKeyId));
        Assert.Equal(rotated.SecretAccessKey, _api.Open(Environment, HandOffSecretNames.SecretAccessKey));
    }

    [Fact]
    public async Task Refuses_malformed_credentials_without_writing_or_showing_the_secret()
    {
        var broken = Credentials with { RoleArn = "not-an-arn" };

        var error = await Assert.ThrowsAsync<HandOffException>(() => _handOff.WriteAsync(Environment, broken, CancellationToken.None));

        Assert.Equal(HandOffProblem.Malformed, error.Problem);
        Assert.Contains(HandOffSecretNames.RoleArn, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Credentials.SecretAccessKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Server.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Removing_deletes_all_four_fingerprint_first_and_tolerates_ones_already_gone()
    {
        await _handOff.WriteAsync(Environment, Credentials, CancellationToken.None);

        await _handOff.RemoveAsync(Environment, CancellationToken.None);
        await _handOff.RemoveAsync(Environment, CancellationToken.None);

        Assert.Empty(_api.Names(Environment));
        var deleted = _api.Server.Requests.Where(r => r.Method == "DELETE").Select(r => r.RawPath.Split('/')[^1]).ToList();
        Assert.Equal(8, deleted.Count);
        Assert.Equal(HandOffSecretNames.Fingerprint, deleted[0]);
    }
}
