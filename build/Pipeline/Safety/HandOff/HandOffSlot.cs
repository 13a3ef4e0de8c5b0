using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Safety.HandOff;

/// <summary>
/// Where one stack's hand-off lives in its unprivileged environment: the four secret names, and the stack its
/// fingerprint is bound to. <c>dev</c> and <c>prod</c> have environments of their own and use the plain names. The
/// review stacks share one environment, so each one's names carry its suffix (<c>ASSUME_ROLE_ARN_PR_12</c>) and its
/// fingerprint names the stack: a review stack's hand-off can neither overwrite another's nor pass for another's,
/// even when a workflow maps the wrong secrets into a job.
/// </summary>
/// <param name="Suffix">Appended to each plain name; empty for a stack with an environment of its own.</param>
/// <param name="BoundStack">The stack the fingerprint is bound to; null for the plain (unbound) form.</param>
public sealed record HandOffSlot(string Suffix, string? BoundStack)
{
    /// <summary>An environment holds at most 100 secrets; each review stack's hand-off takes <see cref="SecretsPerStack"/>.</summary>
    public const int SecretsPerEnvironment = 100;

    public static int SecretsPerStack => HandOffSecretNames.All.Count;

    /// <summary>How many review stacks' hand-offs one environment can hold at once: 100 / 4 = 25.</summary>
    public static int MaxStacksPerEnvironment => SecretsPerEnvironment / SecretsPerStack;

    /// <summary>The plain names, unbound: a stack with an unprivileged environment of its own.</summary>
    public static HandOffSlot Plain { get; } = new(string.Empty, null);

    /// <summary>The slot of <paramref name="stack"/>: suffixed and bound for a review stack, plain for any other.</summary>
    public static HandOffSlot For(string? stack) =>
        ReviewStackName.Parse(stack) is { } review ? new HandOffSlot(review.HandOffSuffix, review.Stack) : Plain;

    public string RoleArn => HandOffSecretNames.RoleArn + Suffix;

    public string AccessKeyId => HandOffSecretNames.AccessKeyId + Suffix;

    public string SecretAccessKey => HandOffSecretNames.SecretAccessKey + Suffix;

    public string Fingerprint => HandOffSecretNames.Fingerprint + Suffix;

    /// <summary>In the order they are written, the fingerprint last (as <see cref="HandOffSecretNames.All"/>).</summary>
    public IReadOnlyList<string> All => [.. HandOffSecretNames.All.Select(name => name + Suffix)];
}
