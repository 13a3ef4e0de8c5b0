namespace AssumeRolePipeline.Pipeline.Readiness;

/// <summary>The bounds of the wait for IAM: exponential backoff with jitter, up to a deadline.</summary>
/// <param name="Timeout">How long to keep trying in all (default two minutes: IAM rarely takes over one).</param>
/// <param name="FirstDelay">The first pause after a refusal; each next one roughly doubles.</param>
/// <param name="MaxDelay">The longest single pause, so the deadline is not overshot by much.</param>
/// <param name="ServiceUrl">An STS endpoint other than AWS's own (tests, private endpoints).</param>
public sealed record ReadinessOptions(TimeSpan Timeout, TimeSpan FirstDelay, TimeSpan MaxDelay, string? ServiceUrl = null)
{
    public static ReadinessOptions Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
}
