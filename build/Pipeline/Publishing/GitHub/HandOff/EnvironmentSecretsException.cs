using System.Net;
using AssumeRolePipeline.Contracts.Failures;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;

/// <summary>GitHub refused a call on environment secrets; the message says why and what to change.</summary>
/// <remarks>Messages name the environment, the repository and the secret, never a secret's value.</remarks>
public sealed class EnvironmentSecretsException : ExplainedFailure
{
    public EnvironmentSecretsException()
    {
    }

    public EnvironmentSecretsException(string message) : base(message)
    {
    }

    public EnvironmentSecretsException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public EnvironmentSecretsException(HttpStatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>GitHub's answer; null when the call failed before an answer.</summary>
    public HttpStatusCode? StatusCode { get; }
}
