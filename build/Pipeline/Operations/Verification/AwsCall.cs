using System.Net.Sockets;
using Amazon.Runtime;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>One AWS call whose failure is an answer to record, not an exception to throw.</summary>
internal static class AwsCall
{
    private const int MaxMessageLength = 300;

    /// <summary>The call's result, or how it failed. Cancellation by the caller and bugs still throw.</summary>
    public static async Task<(T? Value, AwsError? Error)> TryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await call(cancellationToken).ConfigureAwait(false), null);
        }
        catch (AmazonServiceException e) when (e.StatusCode != 0)
        {
            var message = IsSdkFiller(e.Message) ? string.Empty : Flatten(e.Message);
            return (null, new AwsError(e.StatusCode, string.IsNullOrEmpty(e.ErrorCode) ? null : e.ErrorCode, message));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsNoAnswer(e))
        {
            return (null, new AwsError(null, null, Flatten(Innermost(e).Message)));
        }
    }

    // What the SDK throws when nothing answered: a refused or dropped connection, DNS, a timeout.
    private static bool IsNoAnswer(Exception e) =>
        e is AmazonClientException or HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException;

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    // When the service's own message is empty the SDK makes one up that only repeats the status and code
    // (and the raw body); the evidence says those already.
    private static bool IsSdkFiller(string message) =>
        message.StartsWith("The service returned an error with Error Code", StringComparison.Ordinal) ||
        message.StartsWith("Error making request with Error Code", StringComparison.Ordinal);

    /// <summary>One line, not too long: AWS messages can carry a whole canonical request.</summary>
    private static string Flatten(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }
}
