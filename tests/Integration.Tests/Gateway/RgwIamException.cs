using System.Net;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>An IAM call the gateway refused: its HTTP status and error code (never the request, which is signed).</summary>
internal sealed class RgwIamException(string action, HttpStatusCode status, string? errorCode)
    : Exception($"IAM {action} was refused: {(int)status} {errorCode ?? "(no error code)"}")
{
    public HttpStatusCode Status { get; } = status;

    public string? ErrorCode { get; } = errorCode;
}
