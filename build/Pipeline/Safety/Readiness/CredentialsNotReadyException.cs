namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

/// <summary>STS still refuses the new credentials: the message says which call, which error and for how long.</summary>
public sealed class CredentialsNotReadyException : Exception
{
    public CredentialsNotReadyException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public CredentialsNotReadyException() : this("The new credentials are not usable yet.")
    {
    }

    public CredentialsNotReadyException(string message) : this(message, null)
    {
    }
}
