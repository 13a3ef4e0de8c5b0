using System.Net;
using AssumeRolePipeline.Contracts.Failures;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Repository;

/// <summary>A GitHub REST call the set-up or a check made was refused: one line naming the call and what to do.</summary>
public sealed class GitHubCallException : ExplainedFailure
{
    public GitHubCallException()
    {
    }

    public GitHubCallException(string message) : base(message)
    {
    }

    public GitHubCallException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GitHubCallException(HttpStatusCode? statusCode, string message, Exception? innerException)
        : base(message, innerException) => StatusCode = statusCode;

    public HttpStatusCode? StatusCode { get; }
}
