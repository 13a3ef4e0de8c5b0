using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.HandOff;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;

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
    /// Writes the three secrets, then their fingerprint; repeating it overwrites them with the same or newer
    /// values. Until the fingerprint is rewritten, a reader sees old and new values that do not match it and
    /// stops with "partial or stale" instead of pairing a new key id with an old secret. The secret access key
    /// and the fingerprint are masked; the role ARN and the access key id are identifiers, and a masked access
    /// key id could no longer travel as the job output the unprivileged job checks its secrets against.
    /// </summary>
    public async Task WriteAsync(string environment, UnprivilegedCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _mask(credentials.SecretAccessKey); // before anything below can print it
        if (HandOffRules.FindProblem(credentials) is { } problem)
            throw new HandOffException(HandOffProblem.Malformed, $"Nothing was handed off: {problem}");
        var fingerprint = HandOffFingerprint.Compute(credentials);
        _mask(fingerprint);

        await _secrets.SetAsync(environment, HandOffSecretNames.RoleArn, credentials.RoleArn, cancellationToken).ConfigureAwait(false);
        await _secrets.SetAsync(environment, HandOffSecretNames.SecretAccessKey, credentials.SecretAccessKey, cancellationToken).ConfigureAwait(false);
        await _secrets.SetAsync(environment, HandOffSecretNames.AccessKeyId, credentials.AccessKeyId, cancellationToken).ConfigureAwait(false);
        await _secrets.SetAsync(environment, HandOffSecretNames.Fingerprint, fingerprint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the four secrets (after a destroy); secrets already gone are fine.</summary>
    public async Task RemoveAsync(string environment, CancellationToken cancellationToken)
    {
        // The fingerprint first, so a half-finished removal is never read as a complete hand-off.
        foreach (var name in HandOffSecretNames.All.Reverse())
            await _secrets.DeleteAsync(environment, name, cancellationToken).ConfigureAwait(false);
    }
}
