using AssumeRolePipeline.Contracts.Failures;

namespace AssumeRolePipeline.Pipeline.Safety.HandOff;

/// <summary>The handed-off credentials are missing, stale or malformed; the message says what to do.</summary>
/// <remarks>Never carries the secret access key: messages name variables and rules only.</remarks>
public sealed class HandOffException : ExplainedFailure
{
    public HandOffException()
    {
    }

    public HandOffException(string message) : base(message)
    {
    }

    public HandOffException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public HandOffException(HandOffProblem problem, string message) : base(message) => Problem = problem;

    public HandOffProblem Problem { get; }
}
