using AssumeRolePipeline.Pipeline.Orchestration;

namespace AssumeRolePipeline.Pipeline.GitHub.HandOff;

/// <summary>
/// The privileged side of the hand-off: stores create-role's outputs as secrets of the unprivileged
/// environment, where the next job receives them. Job outputs cannot carry them: the runner drops any
/// output that contains a masked value.
/// </summary>
public sealed class CredentialHandOff
{
    private readonly EnvironmentSecretsClient _secrets;
    private readonly Action<string> _mask;

    /// <param name="mask">Registers a value with the log masker (e.g. <c>WorkflowCommandWriter.AddMask</c>).</param>
    public CredentialHandOff(EnvironmentSecretsClient secrets, Action<string> mask)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(mask);
        _secrets = secrets;
        _mask = mask;
    }

    /// <summary>
    /// Writes the three secrets; repeating it overwrites them with the same or newer values. Only the secret
    /// access key is masked: the role ARN and the access key id are identifiers, and a masked access key id
    /// could no longer travel as the job output the unprivileged job checks its secrets against.
    /// </summary>
    public async Task WriteAsync(string environment, UnprivilegedCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _mask(credentials.SecretAccessKey); // before anything below can print it
        if (HandOffRules.FindProblem(credentials) is { } problem)
            throw new HandOffException(HandOffProblem.Malformed, $"Nothing was handed off: {problem}");

        // The access key id goes last: while it still names the previous key, the unprivileged job sees the
        // hand-off as stale rather than pairing the new id with an old secret.
        await _secrets.SetAsync(environment, HandOffSecretNames.RoleArn, credentials.RoleArn, cancellationToken).ConfigureAwait(false);
        await _secrets.SetAsync(environment, HandOffSecretNames.SecretAccessKey, credentials.SecretAccessKey, cancellationToken).ConfigureAwait(false);
        await _secrets.SetAsync(environment, HandOffSecretNames.AccessKeyId, credentials.AccessKeyId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the three secrets (after a destroy); secrets already gone are fine.</summary>
    public async Task RemoveAsync(string environment, CancellationToken cancellationToken)
    {
        // The marker first, so a half-finished removal reads as "no hand-off".
        foreach (var name in HandOffSecretNames.All.Reverse())
            await _secrets.DeleteAsync(environment, name, cancellationToken).ConfigureAwait(false);
    }
}
