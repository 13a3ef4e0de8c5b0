namespace AssumeRolePipeline.Contracts.Failures;

/// <summary>
/// A failure the pipeline explains: its message says what went wrong and what to do, is already masked, and ends
/// the run with a non-zero exit code. NUKE logs a failed target with <c>exception.ToString()</c> (message and stack
/// trace); this type's is its message alone, so a user who typed a wrong region reads one line naming the value and
/// the rule. Every other exception keeps its trace: a bug is not explained.
/// </summary>
public class ExplainedFailure : Exception
{
    public ExplainedFailure(string message, Exception? innerException) : base(message, innerException)
    {
    }

    public ExplainedFailure() : this("The pipeline failed.")
    {
    }

    public ExplainedFailure(string message) : this(message, null)
    {
    }

    public sealed override string ToString() => Message;
}
