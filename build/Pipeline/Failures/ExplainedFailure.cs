using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Orchestration;

namespace AssumeRolePipeline.Pipeline.Failures;

/// <summary>
/// A failure the pipeline explains, as the build hands it to NUKE. NUKE logs a failed target with
/// <c>exception.ToString()</c> (message and stack trace); this type's is its message alone, so a user who
/// typed a wrong region reads one line naming the value and the rule. Exceptions the pipeline does not
/// explain are left as they are: a bug keeps its stack trace.
/// </summary>
public sealed class ExplainedFailure : Exception
{
    public ExplainedFailure(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public ExplainedFailure() : this("The pipeline failed.")
    {
    }

    public ExplainedFailure(string message) : this(message, null)
    {
    }

    /// <summary>True for the failures whose message already says what went wrong and what to do.</summary>
    public static bool Explains(Exception exception) =>
        exception is ExplainedFailure or InvalidInputException or PipelineException or EnvironmentSecretsException or HandOffException;

    /// <summary>What the build throws for <paramref name="exception"/>: an explained one as its message, any other as it is.</summary>
    public static Exception ForBuild(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ExplainedFailure || !Explains(exception) ? exception : new ExplainedFailure(exception.Message, exception);
    }

    public override string ToString() => Message;
}
