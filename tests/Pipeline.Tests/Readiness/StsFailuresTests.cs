using System.Net;
using Amazon.Runtime;
using AssumeRolePipeline.Pipeline.Safety.Readiness;

namespace AssumeRolePipeline.Pipeline.Tests.Readiness;

public sealed class StsFailuresTests
{
    private static StsFailureKind? Classify(Exception error, CancellationToken cancellationToken = default) =>
        StsFailures.Classify(error, PropagationErrors.NewRole, cancellationToken);

    private static AmazonServiceException Aws(string code, HttpStatusCode status = HttpStatusCode.Forbidden) =>
        new($"scripted {code}", null, ErrorType.Sender, code, "req-1", status);

    [Theory]
    [InlineData("InvalidClientTokenId", StsFailureKind.NotYetPropagated)]
    [InlineData("AccessDenied", StsFailureKind.NotYetPropagated)]
    [InlineData("SignatureDoesNotMatch", StsFailureKind.WrongSecret)]
    [InlineData("Throttling", StsFailureKind.Transient)]
    [InlineData("RequestLimitExceeded", StsFailureKind.Transient)]
    [InlineData("ExpiredToken", StsFailureKind.Final)]
    public void AWS_refusals_are_sorted_by_their_code(string code, StsFailureKind expected) =>
        Assert.Equal(expected, Classify(Aws(code)));

    [Fact]
    public void A_5xx_answer_is_transient_whatever_its_code() =>
        Assert.Equal(StsFailureKind.Transient, Classify(Aws("InternalFailure", HttpStatusCode.ServiceUnavailable)));

    [Fact]
    public void Network_errors_and_timeouts_are_transient_even_when_wrapped()
    {
        Assert.Equal(StsFailureKind.Transient, Classify(new HttpRequestException("Connection refused")));
        Assert.Equal(StsFailureKind.Transient, Classify(new TimeoutException("The operation was canceled.")));
        Assert.Equal(StsFailureKind.Transient, Classify(new TaskCanceledException("HttpClient.Timeout")));
        Assert.Equal(StsFailureKind.Transient, Classify(new AmazonClientException("send failed", new IOException("reset"))));
    }

    [Fact]
    public void A_client_side_SDK_error_is_final_and_a_bug_is_not_an_STS_failure()
    {
        Assert.Equal(StsFailureKind.Final, Classify(new AmazonClientException("No RegionEndpoint or ServiceURL configured")));
        Assert.Null(Classify(new InvalidOperationException("a bug")));
        Assert.Null(Classify(new NullReferenceException()));
    }

    [Fact]
    public void A_cancellation_the_caller_asked_for_is_not_a_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(Classify(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }
}
