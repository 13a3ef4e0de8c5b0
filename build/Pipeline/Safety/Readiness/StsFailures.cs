using System.Collections.Immutable;
using System.Net.Sockets;
using Amazon.Runtime;

namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

/// <summary>
/// Sorts what an STS call can throw: what waiting may fix (propagation, throttling, the network) from
/// what it cannot. Anything that is neither an AWS nor a transport error is a bug and is not sorted, so it
/// keeps its stack trace.
/// </summary>
internal static class StsFailures
{
    public const string WrongSecretCode = "SignatureDoesNotMatch";

    /// <summary>STS's and the AWS SDKs' codes for "slow down".</summary>
    public static ImmutableHashSet<string> Throttling { get; } =
        ImmutableHashSet.Create(StringComparer.Ordinal, "Throttling", "ThrottlingException", "RequestLimitExceeded");

    /// <param name="propagation">The codes that mean "not propagated yet" at this step (<see cref="PropagationErrors"/>).</param>
    /// <param name="cancellationToken">The caller's token: a cancellation it asked for is not a timeout.</param>
    /// <returns>Null for an exception that is no STS failure at all (a bug).</returns>
    public static StsFailureKind? Classify(Exception error, IReadOnlySet<string> propagation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(propagation);
        return error switch
        {
            AmazonServiceException { ErrorCode: WrongSecretCode } => StsFailureKind.WrongSecret,
            AmazonServiceException e when propagation.Contains(e.ErrorCode ?? string.Empty) => StsFailureKind.NotYetPropagated,
            AmazonServiceException e when Throttling.Contains(e.ErrorCode ?? string.Empty) || (int)e.StatusCode >= 500 => StsFailureKind.Transient,
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            _ when IsTransport(error) => StsFailureKind.Transient,
            AmazonServiceException or AmazonClientException => StsFailureKind.Final,
            _ => null,
        };
    }

    /// <summary>The failure in a few words: the AWS error code, or the exception's own message.</summary>
    public static string Describe(Exception error) => error switch
    {
        AmazonServiceException { ErrorCode.Length: > 0 } e => $"{e.ErrorCode}: {e.Message}",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    // The SDK lets connection failures (HttpRequestException), timeouts (TimeoutException) and broken
    // responses (IOException) through as they are, sometimes wrapped.
    private static bool IsTransport(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TimeoutException or IOException or SocketException or OperationCanceledException)
                return true;
        }

        return false;
    }
}
