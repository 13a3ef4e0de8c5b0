using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Sodium;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

/// <summary>
/// GitHub's environment-secrets endpoints over a <see cref="LocalGitHubServer"/>: a real Curve25519 key pair,
/// and the secrets it stores opened with the secret key, as GitHub would.
/// </summary>
internal sealed partial class FakeSecretsApi : IAsyncDisposable
{
    public const string KeyId = "568250167242549743";

    private readonly ConcurrentDictionary<(string Environment, string Name), string> _sealed = new();

    private FakeSecretsApi(LocalGitHubServer server) => Server = server;

    public KeyPair KeyPair { get; } = PublicKeyBox.GenerateKeyPair();

    public LocalGitHubServer Server { get; }

    /// <summary>When set, every request gets this status and GitHub-style error body.</summary>
    public int? FailWith { get; set; }

    /// <summary>Called after each secret is stored, before GitHub answers: what a reader would see at that moment.</summary>
    public Action? AfterWrite { get; set; }

    public static async Task<FakeSecretsApi> StartAsync()
    {
        FakeSecretsApi? api = null;
        var server = await LocalGitHubServer.StartAsync((request, response) => api!.Respond(request, response));
        api = new FakeSecretsApi(server);
        return api;
    }

    /// <summary>The stored value of a secret, opened with the environment's secret key; null when absent.</summary>
    public string? Open(string environment, string name) =>
        _sealed.TryGetValue((environment, name), out var sealedValue)
            ? Encoding.UTF8.GetString(SealedPublicKeyBox.Open(Convert.FromBase64String(sealedValue), KeyPair))
            : null;

    public IReadOnlyCollection<string> Names(string environment) =>
        [.. _sealed.Keys.Where(k => k.Environment == environment).Select(k => k.Name)];

    public void Store(string environment, string name, string sealedValue) => _sealed[(environment, name)] = sealedValue;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Task Respond(RecordedRequest request, HttpResponse response)
    {
        if (FailWith is { } status)
            return LocalGitHubServer.Json(response, status, """{"message":"scripted failure","documentation_url":"https://docs.github.com/rest"}""");

        var match = SecretPathPattern().Match(request.RawPath);
        if (!match.Success)
            return LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}""");
        var environment = Uri.UnescapeDataString(match.Groups["environment"].Value);
        var leaf = Uri.UnescapeDataString(match.Groups["leaf"].Value);

        switch (request.Method, leaf)
        {
            case ("GET", "public-key"):
                return LocalGitHubServer.Json(response, 200,
                    JsonSerializer.Serialize(new Dictionary<string, string> { ["key_id"] = KeyId, ["key"] = Convert.ToBase64String(KeyPair.PublicKey) }));
            case ("PUT", _):
                using (var body = JsonDocument.Parse(request.Body))
                {
                    if (body.RootElement.GetProperty("key_id").GetString() != KeyId)
                        return LocalGitHubServer.Json(response, 422, """{"message":"Bad key id"}""");
                    var created = !_sealed.ContainsKey((environment, leaf));
                    Store(environment, leaf, body.RootElement.GetProperty("encrypted_value").GetString()!);
                    AfterWrite?.Invoke();
                    response.StatusCode = created ? 201 : 204;
                    return Task.CompletedTask;
                }

            case ("DELETE", _):
                response.StatusCode = _sealed.TryRemove((environment, leaf), out _) ? 204 : 404;
                return Task.CompletedTask;
            default:
                return LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}""");
        }
    }

    [GeneratedRegex("^/(?:api/v3/)?repos/[^/]+/[^/]+/environments/(?<environment>[^/]+)/secrets/(?<leaf>[^/]+)$")]
    private static partial Regex SecretPathPattern();
}
