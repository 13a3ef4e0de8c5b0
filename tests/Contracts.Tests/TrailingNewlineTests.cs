using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Tests;

/// <summary>
/// .NET's <c>$</c> also matches before a final line break, so a rule anchored with it lets "value\n" through:
/// values read back from secrets and environment variables are not trimmed, and a line break in a name ends
/// up in a path, a log line or a fingerprint. Every rule must refuse it.
/// </summary>
public sealed class TrailingNewlineTests
{
    private static readonly Dictionary<string, Func<string, InputError?>> Rules = new(StringComparer.Ordinal)
    {
        [nameof(InputRules.IamUserName)] = v => InputRules.IamUserName(v),
        [nameof(InputRules.RoleArn)] = v => InputRules.RoleArn(v),
        [nameof(InputRules.Region)] = v => InputRules.Region(v),
        [nameof(InputRules.StackName)] = v => InputRules.StackName(v),
        [nameof(InputRules.SessionName)] = v => InputRules.SessionName(v),
        [nameof(InputRules.ExternalId)] = v => InputRules.ExternalId(v),
        [nameof(InputRules.AccessKeyId)] = v => InputRules.AccessKeyId(v),
        [nameof(InputRules.SessionDuration)] = v => InputRules.SessionDuration(v),
    };

    [Theory]
    [InlineData(nameof(InputRules.IamUserName), "alice")]
    [InlineData(nameof(InputRules.RoleArn), "arn:aws:iam::123456789012:role/allow-s3-management")]
    [InlineData(nameof(InputRules.Region), "us-east-1")]
    [InlineData(nameof(InputRules.StackName), "dev")]
    [InlineData(nameof(InputRules.StackName), "octo-org/dev")]
    [InlineData(nameof(InputRules.SessionName), "assume-role-dev")]
    [InlineData(nameof(InputRules.ExternalId), "PulumiApplication")]
    [InlineData(nameof(InputRules.AccessKeyId), "AKIAIOSFODNN7EXAMPLE")]
    [InlineData(nameof(InputRules.SessionDuration), "1h")]
    public void A_valid_value_passes_and_the_same_value_with_a_line_break_after_it_fails(string rule, string value)
    {
        Assert.Null(Rules[rule](value));
        Assert.NotNull(Rules[rule](value + "\n"));
    }

    [Fact]
    public void A_duration_followed_by_a_line_break_is_no_duration() =>
        Assert.Null(InputRules.ParseDuration("1h\n"));
}
