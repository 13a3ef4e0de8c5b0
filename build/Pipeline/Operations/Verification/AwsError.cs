using System.Net;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>
/// How a call went wrong: AWS's answer (status and error code), or no answer at all (a network error, a
/// timeout). Verify tells these apart: only a 403 AccessDenied is a refusal for lack of permission.
/// </summary>
/// <param name="Status">The HTTP status AWS answered with; null when nothing answered.</param>
/// <param name="Code">AWS's error code; null when the answer had none (a HEAD request has no body).</param>
internal sealed record AwsError(HttpStatusCode? Status, string? Code, string Message)
{
    public bool IsForbidden => Status == HttpStatusCode.Forbidden;

    public bool IsAccessDenied => IsForbidden && Code == "AccessDenied";

    /// <summary>4xx other than 403: AWS answered, about something other than the caller's rights.</summary>
    public bool IsClientError => Status is { } status && (int)status is >= 400 and < 500 && !IsForbidden;

    public override string ToString()
    {
        if (Status is not { } status)
            return $"no answer ({Message})";
        var code = Code ?? "(no error code)";
        return Message.Length == 0 ? $"{(int)status} {code}" : $"{(int)status} {code}: {Message}";
    }
}
