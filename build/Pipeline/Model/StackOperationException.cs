namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// A stack operation that failed, as the adapter classifies it. <see cref="Exception.Message"/> may hold
/// Pulumi's own output, so it is masked before anyone sees it.
/// </summary>
public sealed class StackOperationException : Exception
{
    public StackOperationException(StackFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    public StackOperationException() : this(StackFailure.OperationFailed, "The stack operation failed.")
    {
    }

    public StackOperationException(string message) : this(StackFailure.OperationFailed, message)
    {
    }

    public StackOperationException(string message, Exception innerException)
        : this(StackFailure.OperationFailed, message, innerException)
    {
    }

    public StackFailure Failure { get; }
}
