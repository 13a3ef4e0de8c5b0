using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Safety.HandOff;

/// <summary>
/// The unprivileged side of the hand-off: reads the secrets the workflow maps into the job's environment
/// and fails with what to do, before AWS can fail with an opaque error. Every unprivileged stage reads
/// through it (preview, up, destroy), and only a complete, self-consistent hand-off passes: previews are
/// not in the deploy's concurrency group and can start while a deploy is rewriting the secrets.
/// </summary>
public static class HandOffCheck
{
    private const string RerunAfterDeploy =
        "A deploy may be writing the hand-off right now, or a removal was interrupted: re-run this job after it finishes.";

    /// <param name="environment">Reads an environment variable (e.g. <c>Environment.GetEnvironmentVariable</c>).</param>
    /// <param name="expectedAccessKeyId">
    /// The access key id the privileged job of this run created (its job output), or null when there is none
    /// (a preview, or a run without a privileged job).
    /// </param>
    /// <exception cref="HandOffException">The credentials are missing, partial, stale or malformed.</exception>
    public static UnprivilegedCredentials Read(Func<string, string?> environment, string? expectedAccessKeyId)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var empty = HandOffSecretNames.All.Where(name => string.IsNullOrEmpty(environment(name))).ToList();
        if (empty.Count == HandOffSecretNames.All.Count)
        {
            throw new HandOffException(HandOffProblem.Missing,
                $"The unprivileged credentials have not been handed off yet: {string.Join(", ", empty)} are empty in this job. " +
                "The privileged job (create-role: up, in the stage the deploy and manual workflows run) writes them as secrets of " +
                "this job's environment: deploy the stack first. If it has just run, re-run this job: secrets written during a run may not be " +
                "visible to the next job yet.");
        }

        if (empty.Count > 0)
        {
            throw new HandOffException(HandOffProblem.Partial,
                $"The hand-off is partial or stale: {string.Join(", ", empty)} {(empty.Count == 1 ? "is" : "are")} empty in this " +
                $"job while the other hand-off secrets are set. {RerunAfterDeploy} A hand-off written before " +
                $"{HandOffSecretNames.Fingerprint} existed needs one run of the deploy workflow, and the build step must receive " +
                $"every one of {string.Join(", ", HandOffSecretNames.All)} as an environment variable.");
        }

        var credentials = new UnprivilegedCredentials(
            environment(HandOffSecretNames.RoleArn)!,
            environment(HandOffSecretNames.AccessKeyId)!,
            environment(HandOffSecretNames.SecretAccessKey)!);

        if (HandOffRules.FindProblem(credentials) is { } problem)
            throw new HandOffException(HandOffProblem.Malformed, $"The handed-off credentials cannot be used: {problem}");

        if (!HandOffFingerprint.Matches(credentials, environment(HandOffSecretNames.Fingerprint)!))
        {
            throw new HandOffException(HandOffProblem.Partial,
                $"The hand-off is partial or stale: {HandOffSecretNames.Fingerprint} does not match {HandOffSecretNames.RoleArn}, " +
                $"{HandOffSecretNames.AccessKeyId} and {HandOffSecretNames.SecretAccessKey}, so they were not written together " +
                $"(nothing was sent to AWS). {RerunAfterDeploy}");
        }

        if (!string.IsNullOrEmpty(expectedAccessKeyId) &&
            !string.Equals(expectedAccessKeyId, credentials.AccessKeyId, StringComparison.Ordinal))
        {
            // Only the last characters: the runner masks the full id in this job anyway, being a secret here.
            throw new HandOffException(HandOffProblem.Stale,
                $"The environment secrets are older than this run's privileged job: it created the access key ending in " +
                $"{Tail(expectedAccessKeyId)}, but {HandOffSecretNames.AccessKeyId} in this job ends in " +
                $"{Tail(credentials.AccessKeyId)}. Secrets written in a run may not yet be visible to the next job: " +
                "re-run this job alone (Re-run jobs → this job) to pick up the new ones.");
        }

        return credentials;
    }

    private static string Tail(string accessKeyId) =>
        accessKeyId.Length > 4 ? "…" + accessKeyId[^4..] : "…";
}
