using System.Net;
using AssumeRolePipeline.Contracts.Failures;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>An IAM call that failed, explained in one line: which call, what IAM said, and what to do.</summary>
public sealed class IamCallException : ExplainedFailure
{
    public IamCallException(string action, HttpStatusCode? status, string? code, string message)
        : base(Explain(action, status, code, message))
    {
        Action = action;
        Status = status;
        Code = code;
    }

    public IamCallException() : this("(none)", null, null, string.Empty)
    {
    }

    public IamCallException(string message) : this("(none)", null, null, message)
    {
    }

    public IamCallException(string message, Exception innerException) : base(message, innerException) => Action = "(none)";

    /// <summary>The IAM action, e.g. <c>GetRole</c>.</summary>
    public string Action { get; }

    /// <summary>The HTTP status IAM answered with; null when nothing answered.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>IAM's error code (<c>AccessDenied</c>, <c>Throttling</c>, <c>NoSuchEntity</c>, ...); null when there was none.</summary>
    public string? Code { get; }

    public bool IsNoSuchEntity => Code == "NoSuchEntity";

    private static string Explain(string action, HttpStatusCode? status, string? code, string message)
    {
        var said = status is { } s
            ? $"{(int)s} {code ?? "(no error code)"}{(message.Length > 0 ? $": {message}" : string.Empty)}"
            : $"no answer ({message})";
        var todo = code switch
        {
            "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" =>
                $"the AWS credentials in use may not call iam:{action}; run with an identity that may (the set-up needs IAM administrator rights)",
            "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "LimitExceeded" =>
                "IAM is limiting the account's request rate; wait a minute and run again",
            "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "IncompleteSignature" or "MissingAuthenticationToken" =>
                "IAM did not accept the AWS credentials; renew them (aws sso login, or fresh keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and run again",
            _ when status is null => "check the network (and AWS_ENDPOINT_URL_IAM, if set), then run again",
            _ when (int)status >= 500 => "IAM failed on its side; run again in a minute",
            _ => "fix what IAM says, then run again",
        };
        return $"IAM {action} failed: {said}. What to do: {todo}.";
    }
}
