using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Policies;

/// <summary>
/// The two IAM policy documents of create-role, as compact JSON (IAM counts every character but
/// whitespace, and some S3-compatible servers refuse whitespace), checked against IAM's size limits.
/// </summary>
public static class PolicyDocuments
{
    public const string Version = "2012-10-17";

    /// <summary>IAM's default limit for a role trust policy.</summary>
    public const int MaxTrustPolicyLength = 2048;

    /// <summary>IAM's limit for an inline role policy.</summary>
    public const int MaxInlineRolePolicyLength = 10_240;

    /// <summary>Lets exactly one IAM user call <c>sts:AssumeRole</c> on the role, and no one else.</summary>
    public static string TrustPolicy(string userArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(userArn);
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = userArn },
            ["Action"] = "sts:AssumeRole",
        };
        return Checked(Document(statement), MaxTrustPolicyLength, "trust policy");
    }

    /// <summary>The role's inline policy: everything in S3, nothing else.</summary>
    public static string S3FullAccessPolicy()
    {
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = "s3:*",
            ["Resource"] = "*",
        };
        return Checked(Document(statement), MaxInlineRolePolicyLength, "inline role policy");
    }

    // The default encoder writes '+' (valid in IAM names) as \u002B; IAM reads both, people read only one.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Document(JsonObject statement) =>
        new JsonObject { ["Version"] = Version, ["Statement"] = new JsonArray(statement) }.ToJsonString(Compact);

    private static string Checked(string json, int limit, string what) =>
        json.Length <= limit
            ? json
            : throw new InvalidInputException(new InputError(what, $"{json.Length} characters", $"IAM allows at most {limit}"));
}
