using System.Globalization;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Contracts.Validation;

/// <summary>
/// The rules every user-supplied value must meet, as AWS, STS and Pulumi state them. Each check returns
/// null for a valid value, else one <see cref="InputError"/> naming the input, the value and the rule.
/// </summary>
public static partial class InputRules
{
    public const int MaxIamNameLength = 64;
    public const int MaxStackNameLength = 100;
    public const int MinSessionNameLength = 2;
    public const int MaxSessionNameLength = 64;
    public const int MaxGitHubEnvironmentNameLength = 255;
    public static readonly TimeSpan MinSessionDuration = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxSessionDuration = TimeSpan.FromHours(12);

    public static InputError? IamUserName(string? value, string input = "IAM user name") =>
        string.IsNullOrEmpty(value) || value.Length > MaxIamNameLength || !IamNamePattern().IsMatch(value)
            ? new InputError(input, value, $"1 to {MaxIamNameLength} characters of letters, digits and +=,.@_-")
            : null;

    public static InputError? RoleArn(string? value, string input = "role ARN")
    {
        const string rule = "arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit account>:role/[<path>/]<name>, " +
                            "the name 1 to 64 characters of letters, digits and +=,.@_-";
        if (string.IsNullOrEmpty(value))
            return new InputError(input, value, rule);
        var match = RoleArnPattern().Match(value);
        return !match.Success || match.Groups["path"].Length > 510 ? new InputError(input, value, rule) : null;
    }

    /// <summary>A managed policy's ARN, as a permissions boundary names it.</summary>
    public static InputError? PolicyArn(string? value, string input = "policy ARN") =>
        string.IsNullOrEmpty(value) || !PolicyArnPattern().IsMatch(value)
            ? new InputError(input, value, "arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit account>:policy/[<path>/]<name>, " +
                                           "the name 1 to 128 characters of letters, digits and +=,.@_-")
            : null;

    public static InputError? Region(string? value, string input = "AWS region") =>
        string.IsNullOrEmpty(value) || !RegionPattern().IsMatch(value)
            ? new InputError(input, value, "a region code such as us-east-1, eu-central-2, us-gov-west-1 or cn-north-1")
            : null;

    /// <summary>A region outside the role's partition can never assume it: say so before STS does.</summary>
    public static InputError? RegionInPartition(string region, string roleArn, string input = "AWS region")
    {
        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success)
            return null;
        var partition = match.Groups["partition"].Value;
        var expected = PartitionOfRegion(region);
        return expected == partition
            ? null
            : new InputError(input, region, $"the role {roleArn} is in partition {partition}, whose regions " +
                                            $"{PartitionRegionHint(partition)}");
    }

    public static InputError? StackName(string? value, string input = "stack name")
    {
        const string rule = "letters, digits, -, _ and . (at most 100), never '.' or '..', optionally qualified as <org>/<stack> " +
                            "or <org>/<project>/<stack>";
        if (string.IsNullOrEmpty(value))
            return new InputError(input, value, rule);
        var segments = value.Split('/');
        var stack = segments[^1];
        // A name becomes part of paths (the state backend's, Pulumi.<stack>.yaml): "." and ".." would climb out of them,
        // and "../pr-12" must never be a second spelling of pr-12.
        return segments.Length > 3 || stack.Length > MaxStackNameLength || value.Contains("..", StringComparison.Ordinal) ||
               Array.Exists(segments, s => s == ".") ||
               !Array.TrueForAll(segments, s => s.Length > 0 && StackSegmentPattern().IsMatch(s))
            ? new InputError(input, value, rule)
            : null;
    }

    public static InputError? SessionName(string? value, string input = "role session name") =>
        string.IsNullOrEmpty(value) || value.Length is < MinSessionNameLength or > MaxSessionNameLength ||
        !SessionNamePattern().IsMatch(value)
            ? new InputError(input, value,
                $"{MinSessionNameLength} to {MaxSessionNameLength} characters of letters, digits and _=,.@-")
            : null;

    public static InputError? ExternalId(string? value, string input = "external id") =>
        string.IsNullOrEmpty(value) || value.Length is < 2 or > 1224 || !ExternalIdPattern().IsMatch(value)
            ? new InputError(input, value, "2 to 1224 characters of letters, digits and _+=,.@:/-")
            : null;

    /// <summary>A duration the way the AWS provider takes it (<c>1h</c>, <c>90m</c>, <c>1h30m</c>), 15m to 12h.</summary>
    public static InputError? SessionDuration(string? value, string input = "session duration") =>
        ParseDuration(value) is { } duration && duration >= MinSessionDuration && duration <= MaxSessionDuration
            ? null
            : new InputError(input, value, "a duration such as 15m, 1h or 1h30m, from 15m to 12h " +
                                           "(over 1h also needs the role's maximum session duration raised)");

    public static InputError? AccessKeyId(string? value, string input = "access key id") =>
        string.IsNullOrEmpty(value) || !AccessKeyIdPattern().IsMatch(value)
            ? new InputError(input, value, "20 characters: AKIA or ASIA followed by 16 capital letters and digits")
            : null;

    /// <summary>
    /// A GitHub environment name. GitHub documents only "at most 255 characters" (names are not case
    /// sensitive); the name also becomes one segment of a REST path, so nothing may change that route:
    /// no <c>/</c>, no <c>.</c> or <c>..</c> (which a URL resolves to the parent, e.g. the repository's own
    /// secrets), no control characters, not blank.
    /// </summary>
    public static InputError? GitHubEnvironmentName(string? value, string input = "GitHub environment name") =>
        string.IsNullOrEmpty(value) || value.Length > MaxGitHubEnvironmentNameLength || value.Trim().Length == 0 ||
        value is "." or ".." || value.Contains('/', StringComparison.Ordinal) || value.Any(char.IsControl)
            ? new InputError(input, value, $"1 to {MaxGitHubEnvironmentNameLength} characters, not only spaces, " +
                                           "with no '/' or control characters, and not '.' or '..'")
            : null;

    /// <summary>Returns the value when the rule holds; otherwise throws the rule's message.</summary>
    public static string Require(string? value, Func<string?, InputError?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule(value) is { } error ? throw new InvalidInputException(error) : value!;
    }

    /// <summary>A valid, recognisable session name for a stack: <c>assume-role-&lt;stack&gt;</c>, trimmed to 64.</summary>
    public static string SessionNameFor(string stackName)
    {
        var cleaned = SessionNameInvalidCharacters().Replace(stackName.Replace('/', '.'), "-");
        var name = $"assume-role-{cleaned}";
        return name.Length <= MaxSessionNameLength ? name : name[..MaxSessionNameLength];
    }

    /// <summary>Parses Go-style durations as the AWS provider does (h, m, s units, in that order).</summary>
    public static TimeSpan? ParseDuration(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var match = DurationPattern().Match(value);
        if (!match.Success || match.Length == 0)
            return null;
        static long Part(Group g) => g.Success ? long.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        var seconds = (Part(match.Groups["h"]) * 3600) + (Part(match.Groups["m"]) * 60) + Part(match.Groups["s"]);
        return seconds is > 0 and < 10_000_000 ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static string PartitionOfRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    private static string PartitionRegionHint(string partition) => partition switch
    {
        "aws-cn" => "start with cn-",
        "aws-us-gov" => "start with us-gov-",
        _ => "start with neither cn- nor us-gov-",
    };

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]+\z")]
    private static partial Regex IamNamePattern();

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>\d{12}):role/(?<path>(?:[\x21-\x2E\x30-\x7E]+/)*)(?<name>[A-Za-z0-9+=,.@_-]{1,64})\z")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^arn:(?:aws|aws-cn|aws-us-gov):iam::\d{12}:policy/(?:[\x21-\x2E\x30-\x7E]+/)*[A-Za-z0-9+=,.@_-]{1,128}\z")]
    private static partial Regex PolicyArnPattern();

    [GeneratedRegex(@"^[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}\z")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex StackSegmentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_=,.@-]+\z")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex("[^A-Za-z0-9_=,.@-]")]
    private static partial Regex SessionNameInvalidCharacters();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]+\z")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^(?:AKIA|ASIA)[A-Z0-9]{16}\z")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex(@"^(?:(?<h>\d{1,5})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,8})s)?\z")]
    private static partial Regex DurationPattern();
}
