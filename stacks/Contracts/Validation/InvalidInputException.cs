using AssumeRolePipeline.Contracts.Failures;

namespace AssumeRolePipeline.Contracts.Validation;

/// <summary>Thrown for an input that breaks its rule, before anything reaches AWS, Pulumi or GitHub.</summary>
public sealed class InvalidInputException : ExplainedFailure
{
    public InvalidInputException(InputError error)
        : base(error.Message) => Error = error;

    public InvalidInputException() : this(new InputError("input", null, "a value is required"))
    {
    }

    public InvalidInputException(string message) : this(new InputError("input", null, message))
    {
    }

    public InvalidInputException(string message, Exception innerException) : base(message, innerException) =>
        Error = new InputError("input", null, message);

    public InputError Error { get; }
}
