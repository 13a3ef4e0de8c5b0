using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>The names and ARNs the set-up creates or refers to, each from one rule.</summary>
public static partial class SetUpNames
{
    /// <summary>What every set-up role's name starts with: GitHub Actions' roles, recognisable in the IAM console.</summary>
    public const string RolePrefix = "gha-";

    private const int HashLength = 8;

    /// <summary>
    /// The role that <paramref name="environment"/> of <paramref name="repository"/> assumes:
    /// <c>gha-&lt;owner&gt;-&lt;repo&gt;-&lt;environment&gt;</c>, so that two repositories (or two owners' forks) in one
    /// account never share a role. When that is over IAM's 64 characters or holds a character IAM refuses (replaced by
    /// '-'), it is cut to 55 and ends with '-' and 8 hex digits of the SHA-256 of <c>owner/repo:environment</c>
    /// (lower case: GitHub's names ignore case, IAM's role names too), so that it stays unique and the same on every run.
    /// </summary>
    public static string RoleName(string repository, string environment)
    {
        InputRules.Require(repository, v => SetUpRules.Repository(v));
        InputRules.Require(environment, v => InputRules.GitHubEnvironmentName(v));
        var wanted = $"{RolePrefix}{repository.Replace('/', '-')}-{environment}";
        var cleaned = NotInRoleNames().Replace(wanted, "-");
        if (cleaned == wanted && cleaned.Length <= InputRules.MaxIamNameLength)
            return cleaned;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{repository}:{environment}".ToLowerInvariant())));
        var kept = cleaned[..Math.Min(cleaned.Length, InputRules.MaxIamNameLength - HashLength - 1)];
        return $"{kept}-{hash[..HashLength]}";
    }

    /// <summary>
    /// The set-up's own Pulumi stack for <paramref name="repository"/>: <c>owner.repo</c> in lower case (a stack name allows
    /// '.', and an owner never holds one, so the two parts stay apart), so that repositories sharing a state backend keep
    /// their set-ups apart; over 100 characters, cut and ended with a hash as <see cref="RoleName"/> does.
    /// </summary>
    public static string StackName(string repository)
    {
        InputRules.Require(repository, v => SetUpRules.Repository(v));
        var name = repository.Replace('/', '.').ToLowerInvariant();
        if (name.Length <= InputRules.MaxStackNameLength)
            return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        return $"{name[..(InputRules.MaxStackNameLength - HashLength - 1)]}-{hash[..HashLength]}";
    }

    /// <summary>GitHub's OIDC provider in the account: its ARN is its URL's host (IAM names it so).</summary>
    public static string OidcProviderArn(string partition, string accountId) =>
        $"arn:{Checked(partition, SetUpRules.Partition, "AWS partition")}:iam::{Checked(accountId, SetUpRules.AccountId, "AWS account id")}:oidc-provider/{SetUpContract.OidcHost}";

    public static string DeployBoundaryArn(string partition, string accountId) => PolicyArn(partition, accountId, SetUpContract.DeployBoundaryName);

    public static string ReviewBoundaryArn(string partition, string accountId) => PolicyArn(partition, accountId, SetUpContract.ReviewBoundaryName);

    public static string RoleArn(string partition, string accountId, string roleName) =>
        $"arn:{Checked(partition, SetUpRules.Partition, "AWS partition")}:iam::{Checked(accountId, SetUpRules.AccountId, "AWS account id")}:role/{Checked(roleName, InputRules.IamUserName, "IAM role name")}";

    /// <summary>The subject of GitHub's token for a job that runs in <paramref name="environment"/>: what a role trusts.</summary>
    public static string Subject(string repository, string environment) =>
        $"repo:{Checked(repository, SetUpRules.Repository, "GitHub repository")}:environment:{Checked(environment, InputRules.GitHubEnvironmentName, "GitHub environment name")}";

    /// <summary>The AWS partition of a region: aws-cn for cn-*, aws-us-gov for us-gov-*, else aws.</summary>
    public static string PartitionOfRegion(string region)
    {
        InputRules.Require(region, v => InputRules.Region(v));
        return region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
    }

    private static string PolicyArn(string partition, string accountId, string name) =>
        $"arn:{Checked(partition, SetUpRules.Partition, "AWS partition")}:iam::{Checked(accountId, SetUpRules.AccountId, "AWS account id")}:policy/{name}";

    private static string Checked(string value, Func<string?, string, InputError?> rule, string input) =>
        rule(value, input) is { } error ? throw new InvalidInputException(error) : value;

    [GeneratedRegex(@"[^A-Za-z0-9+=,.@_-]")]
    private static partial Regex NotInRoleNames();
}
