namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

/// <summary>The bounds of the wait for IAM: exponential backoff with jitter, up to a deadline.</summary>
/// <param name="Timeout">How long to keep trying in all (default two minutes: IAM rarely takes over one).</param>
/// <param name="FirstDelay">The first pause after a refusal; each next one roughly doubles.</param>
/// <param name="MaxDelay">The longest single pause, so the deadline is not overshot by much.</param>
/// <param name="ServiceUrl">An STS endpoint other than AWS's own (tests, private endpoints).</param>
public sealed record ReadinessOptions(TimeSpan Timeout, TimeSpan FirstDelay, TimeSpan MaxDelay, string? ServiceUrl = null)
{
    /// <summary>
    /// How long <c>SignatureDoesNotMatch</c> is waited out: a brand-new key can be refused that way for
    /// seconds (aws-iam.md), but the hand-off's fingerprint already rules out a mismatched pair, so one that
    /// lasts longer is a wrong secret (or a skewed clock) and fails well before the deadline.
    /// </summary>
    public TimeSpan WrongSecretGrace { get; init; } = TimeSpan.FromSeconds(30);

    public static ReadinessOptions Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
}
