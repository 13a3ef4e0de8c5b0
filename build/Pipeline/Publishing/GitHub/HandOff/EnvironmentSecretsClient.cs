using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;
using Octokit;
using Sodium;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;

/// <summary>
/// Writes and deletes the secrets of one environment of one repository. Octokit 14 has no client for
/// environment secrets, so the two endpoints are called through its <see cref="IConnection"/>; the value is
/// sealed (libsodium <c>crypto_box_seal</c>) with the environment's public key before it leaves the process.
/// </summary>
public sealed partial class EnvironmentSecretsClient
{
    private readonly IConnection _connection;
    private readonly string _owner;
    private readonly string _repository;

    public EnvironmentSecretsClient(IConnection connection, string owner, string repository)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(repository);
        _connection = connection;
        _owner = owner;
        _repository = repository;
    }

    /// <summary>The key every secret of <paramref name="environment"/> must be sealed with.</summary>
    public async Task<SecretsPublicKey> GetPublicKeyAsync(string environment, CancellationToken cancellationToken)
    {
        RequireEnvironmentName(environment);
        var response = await Call(
            environment, "reading the environment's public key",
            () => _connection.Get<SecretsPublicKey>(SecretsUri(environment, "public-key"), null, null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return response.Body is { KeyId.Length: > 0, Key.Length: > 0 } key
            ? key
            : throw new EnvironmentSecretsException(response.HttpResponse.StatusCode,
                $"GitHub returned no public key for environment '{environment}' of {_owner}/{_repository}.");
    }

    /// <summary>Creates or replaces the secret <paramref name="name"/>: safe to repeat.</summary>
    public async Task SetAsync(string environment, string name, string value, CancellationToken cancellationToken)
    {
        RequireEnvironmentName(environment);
        RequireSecretName(name);
        ArgumentNullException.ThrowIfNull(value);

        var key = await GetPublicKeyAsync(environment, cancellationToken).ConfigureAwait(false);
        var body = new SealedSecret(Seal(value, key.Key, environment), key.KeyId);
        var status = await Call(
            environment, $"writing the secret {name}",
            () => _connection.Put(SecretsUri(environment, name), body),
            cancellationToken).ConfigureAwait(false);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.OK))
        {
            throw new EnvironmentSecretsException(status,
                $"GitHub answered {(int)status} {status} to writing the secret {name} in environment '{environment}' " +
                $"of {_owner}/{_repository}; expected 201 Created or 204 No Content.");
        }
    }

    /// <summary>Deletes the secret; returns false when it was already gone (which is fine).</summary>
    public async Task<bool> DeleteAsync(string environment, string name, CancellationToken cancellationToken)
    {
        RequireEnvironmentName(environment);
        RequireSecretName(name);
        try
        {
            await _connection.Delete(SecretsUri(environment, name)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
        catch (ApiException error)
        {
            throw Explain(error, environment, $"deleting the secret {name}");
        }
    }

    /// <summary>Seals <paramref name="value"/> for the holder of the secret key matching <paramref name="base64PublicKey"/>.</summary>
    internal static string Seal(string value, string base64PublicKey, string environment = "")
    {
        byte[] publicKey;
        try
        {
            publicKey = Convert.FromBase64String(base64PublicKey);
        }
        catch (FormatException)
        {
            publicKey = [];
        }

        if (publicKey.Length != SealedPublicKeyBox.RecipientPublicKeyBytes)
        {
            throw new EnvironmentSecretsException(
                $"The public key GitHub returned for environment '{environment}' is not a Base64 " +
                $"{SealedPublicKeyBox.RecipientPublicKeyBytes}-byte Curve25519 key; nothing was written.");
        }

        return Convert.ToBase64String(SealedPublicKeyBox.Create(Encoding.UTF8.GetBytes(value), publicKey));
    }

    private Uri SecretsUri(string environment, string leaf) =>
        ApiPath.Of("repos", _owner, _repository, "environments", environment, "secrets", leaf);

    // Octokit's connection takes no cancellation token for PUT and DELETE: stop waiting instead.
    private async Task<T> Call<T>(string environment, string action, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException error)
        {
            throw Explain(error, environment, action);
        }
    }

    private EnvironmentSecretsException Explain(ApiException error, string environment, string action)
    {
        var where = $"environment '{environment}' of {_owner}/{_repository}";
        var message = error switch
        {
            RateLimitExceededException =>
                $"GitHub's rate limit stopped {action} in {where}; wait until it resets and re-run the job.",
            { StatusCode: HttpStatusCode.Unauthorized } =>
                $"GitHub rejected the token (401 Unauthorized) while {action} in {where}: the token is invalid or has " +
                "expired. Issue a new one and update the secret that holds it.",
            { StatusCode: HttpStatusCode.Forbidden } =>
                $"GitHub refused {action} in {where} (403 Forbidden): the token lacks permission. Writing environment " +
                "secrets needs a fine-grained token or GitHub App with the repository permissions \"Secrets: write\" " +
                "and \"Environments: write\" (plus \"Metadata: read\"), or a classic token with the repo scope. " +
                "The workflow's own GITHUB_TOKEN cannot write secrets.",
            { StatusCode: HttpStatusCode.NotFound } =>
                $"GitHub found no {where} (404 Not Found) while {action}: create the environment '{environment}' under " +
                $"Settings → Environments of {_owner}/{_repository}, or give the token access to that repository " +
                "(a fine-grained token sees only the repositories it was issued for).",
            _ => $"GitHub answered {(int)error.StatusCode} {error.StatusCode} while {action} in {where}.",
        };
        return new EnvironmentSecretsException(error.StatusCode, message, error);
    }

    private static void RequireEnvironmentName(string environment) =>
        InputRules.Require(environment, v => InputRules.GitHubEnvironmentName(v));

    private static void RequireSecretName(string name)
    {
        if (string.IsNullOrEmpty(name) || !SecretNamePattern().IsMatch(name) ||
            name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException(new InputError("secret name", name,
                "letters, digits and _, not starting with a digit or GITHUB_"));
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex SecretNamePattern();

    /// <summary>The PUT body; Octokit's serializer writes the properties as <c>encrypted_value</c> and <c>key_id</c>.</summary>
    private sealed record SealedSecret(string EncryptedValue, string KeyId);
}
