using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>
/// The rules of the values the set-up's templates are filled with (deploy/iam's placeholders). Each returns null for a
/// valid value, else one <see cref="InputError"/> naming the input, the value and the rule.
/// </summary>
public static partial class SetUpRules
{
    public const int MaxGitHubOwnerLength = 39;
    public const int MaxGitHubRepositoryNameLength = 100;

    /// <summary>What deploy/iam's user names start with: <c>assume-role-pipeline-${Stack}</c>.</summary>
    public const string StackUserPrefix = "assume-role-pipeline-";

    public static InputError? AccountId(string? value, string input = "AWS account id") =>
        string.IsNullOrEmpty(value) || !AccountIdPattern().IsMatch(value)
            ? new InputError(input, value, "12 digits")
            : null;

    public static InputError? Partition(string? value, string input = "AWS partition") =>
        value is "aws" or "aws-cn" or "aws-us-gov"
            ? null
            : new InputError(input, value, "aws, aws-cn or aws-us-gov");

    /// <summary>
    /// <c>OWNER/REPO</c> as GitHub allows them: the owner 1 to 39 letters, digits and single hyphens, neither first nor last;
    /// the repository 1 to 100 letters, digits, '.', '_' and '-', not '.' or '..'. Nothing else may reach an OIDC subject.
    /// </summary>
    public static InputError? Repository(string? value, string input = "GitHub repository")
    {
        const string rule = "OWNER/REPO: the owner 1 to 39 letters, digits and single hyphens (not first or last), the name " +
                            "1 to 100 letters, digits, '.', '_' and '-' (not '.' or '..')";
        if (string.IsNullOrEmpty(value))
            return new InputError(input, value, rule);
        var match = RepositoryPattern().Match(value);
        return match.Success && match.Groups["owner"].Length <= MaxGitHubOwnerLength && match.Groups["name"].Value is not ("." or "..")
            ? null
            : new InputError(input, value, rule);
    }

    /// <summary>
    /// A declared stack's name as deploy/iam's templates use it (<c>${Stack}</c>): a plain Pulumi stack name (no
    /// organisation), short enough that <c>assume-role-pipeline-${Stack}</c> is a valid IAM user name.
    /// </summary>
    public static InputError? Stack(string? value, string input = "stack name")
    {
        var rule = $"a stack name without organisation: letters, digits, -, _ and ., at most " +
                   $"{InputRules.MaxIamNameLength - StackUserPrefix.Length} characters (the user assume-role-pipeline-<stack> is an IAM name)";
        return string.IsNullOrEmpty(value) || value.Contains('/', StringComparison.Ordinal) ||
               InputRules.StackName(value) is not null || InputRules.IamUserName(StackUserPrefix + value) is not null ||
               new StackName(value).ReviewNumber is not null
            ? new InputError(input, value, rule + ", not a review stack's pr-<n>")
            : null;
    }

    [GeneratedRegex(@"^\d{12}\z")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})/(?<name>[A-Za-z0-9._-]{1,100})\z")]
    private static partial Regex RepositoryPattern();
}
