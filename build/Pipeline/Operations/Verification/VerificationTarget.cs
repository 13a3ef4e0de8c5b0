namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>The deployed stack pair Verify checks: whose key it must be, the role it assumes and the bucket made through it.</summary>
/// <param name="Stack">The stack name both projects share, for the report's heading.</param>
/// <param name="ExpectedUserArn">The ARN of the IAM user create-role made (see <see cref="RoleArnParts.UserArn"/>).</param>
/// <param name="BucketName">assume-role's <c>bucketName</c> output.</param>
/// <param name="SessionName">The role session name assume-role uses (<c>InputRules.SessionNameFor(stack)</c>).</param>
public sealed record VerificationTarget(
    string Stack,
    string Region,
    string RoleArn,
    string ExpectedUserArn,
    string BucketName,
    string SessionName,
    string? ExternalId = null);
