using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>
/// A role ARN taken apart, for the ARNs Verify expects AWS to answer with: the user in the same account,
/// and the role's session. The account may be empty: S3-compatible IAM engines (radosgw) leave it out.
/// </summary>
public sealed partial record RoleArnParts(string Partition, string Account, string RoleName)
{
    /// <exception cref="InvalidInputException">The value is not an IAM role ARN.</exception>
    public static RoleArnParts Parse(string roleArn, string input = "role ARN")
    {
        var match = RoleArnPattern().Match(roleArn ?? string.Empty);
        if (!match.Success)
            throw new InvalidInputException(new InputError(input, roleArn, "arn:<partition>:iam::<account>:role/[<path>/]<name>"));
        return new RoleArnParts(match.Groups["partition"].Value, match.Groups["account"].Value, match.Groups["name"].Value);
    }

    /// <summary><c>arn:aws:iam::ACCOUNT:user/NAME</c>: what GetCallerIdentity answers for that user's key.</summary>
    public string UserArn(string userName) => $"arn:{Partition}:iam::{Account}:user/{userName}";

    /// <summary><c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>: what AssumeRole answers (the role's path left out).</summary>
    public string SessionArn(string sessionName) => $"arn:{Partition}:sts::{Account}:assumed-role/{RoleName}/{sessionName}";

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>\d{12})?:role/(?:[\x21-\x2E\x30-\x7E]+/)*(?<name>[A-Za-z0-9+=,.@_-]{1,64})\z")]
    private static partial Regex RoleArnPattern();
}
