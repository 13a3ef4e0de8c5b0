using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

/// <summary>
/// The STS error codes that mean "IAM has not propagated this yet" (aws-iam.md). Only these are waited
/// out as refusals; throttling and network errors are retried too (<see cref="StsFailures"/>), any other
/// error is final at once. <c>SignatureDoesNotMatch</c> is not among them: past a short grace
/// (<see cref="ReadinessOptions.WrongSecretGrace"/>, for a brand-new key) it says the secret does not belong
/// to the key id, which no amount of waiting fixes.
/// </summary>
public static class PropagationErrors
{
    /// <summary>A new access key, refused for seconds after it was created.</summary>
    public static ImmutableHashSet<string> NewKey { get; } =
        ImmutableHashSet.Create(StringComparer.Ordinal, "InvalidClientTokenId", "InvalidAccessKeyId");

    /// <summary>A new role or trust policy: AssumeRole is denied until it propagates; the key may still flap.</summary>
    public static ImmutableHashSet<string> NewRole { get; } = NewKey.Add("AccessDenied");
}
