namespace AssumeRolePipeline.Pipeline.Orchestration;

/// <summary>
/// A failure the pipeline explains to the user: the message says what went wrong and what to do.
/// It is already masked, and ends the run with a non-zero exit code.
/// </summary>
public sealed class PipelineException : Exception
{
    public PipelineException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public PipelineException() : this("The pipeline failed.")
    {
    }

    public PipelineException(string message) : this(message, null)
    {
    }
}
