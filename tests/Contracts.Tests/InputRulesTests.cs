using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Tests;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("a")]
    [InlineData("svc+deploy=x,y.z@corp_1-2")]
    [InlineData("assume-role-pipeline-dev")]
    public void Iam_user_names_AWS_accepts_pass(string name) => Assert.Null(InputRules.IamUserName(name));

    [Fact]
    public void Iam_user_name_of_64_characters_passes_and_65_fails()
    {
        Assert.Null(InputRules.IamUserName(new string('u', 64)));
        Assert.NotNull(InputRules.IamUserName(new string('u', 65)));
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("émile")]
    [InlineData("team/alice")]
    [InlineData("alice!")]
    public void Iam_user_names_with_other_characters_fail_naming_value_and_rule(string name)
    {
        var error = InputRules.IamUserName(name, "unprivileged user name");

        Assert.NotNull(error);
        Assert.Contains($"unprivileged user name '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("+=,.@_-", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_value_is_reported_as_missing(string? value)
    {
        var error = InputRules.IamUserName(value, "unprivileged user name");

        Assert.NotNull(error);
        Assert.StartsWith("The unprivileged user name is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/allow-s3-management")]
    [InlineData("arn:aws-cn:iam::123456789012:role/cn-role")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/gov-role")]
    [InlineData("arn:aws:iam::123456789012:role/service-role/deploy")]
    [InlineData("arn:aws:iam::123456789012:role/a/b/c/name+=,.@_-")]
    public void Role_ARNs_of_every_partition_and_path_pass(string arn) => Assert.Null(InputRules.RoleArn(arn));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/alice")]
    [InlineData("arn:aws:iam::12345678901:role/short-account")]
    [InlineData("arn:aws-iso:iam::123456789012:role/unknown-partition")]
    [InlineData("arn:aws:iam:us-east-1:123456789012:role/regional")]
    [InlineData("arn:aws:iam::123456789012:role/has space")]
    [InlineData("arn:aws:iam::123456789012:role/ends-in-slash/")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/x/y")]
    [InlineData("allow-s3-management")]
    public void Malformed_role_ARNs_fail_with_the_expected_shape(string arn)
    {
        var error = InputRules.RoleArn(arn);

        Assert.NotNull(error);
        Assert.Contains(arn, error.Message, StringComparison.Ordinal);
        Assert.Contains("arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit account>:role/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_name_over_64_characters_fails()
    {
        Assert.Null(InputRules.RoleArn("arn:aws:iam::123456789012:role/" + new string('r', 64)));
        Assert.NotNull(InputRules.RoleArn("arn:aws:iam::123456789012:role/" + new string('r', 65)));
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-central-2")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-north-1")]
    [InlineData("ap-southeast-5")]
    [InlineData("il-central-1")]
    public void Region_codes_pass(string region) => Assert.Null(InputRules.Region(region));

    [Theory]
    [InlineData("US-EAST-1")]
    [InlineData("us-east")]
    [InlineData("useast1")]
    [InlineData("us_east_1")]
    [InlineData("Frankfurt")]
    public void Region_names_that_are_not_codes_fail(string region)
    {
        var error = InputRules.Region(region);

        Assert.NotNull(error);
        Assert.Contains($"'{region}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("us-east-1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cn-north-1", "arn:aws-cn:iam::123456789012:role/r", true)]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:iam::123456789012:role/r", true)]
    [InlineData("eu-west-1", "arn:aws:iam::123456789012:role/r", true)]
    [InlineData("us-east-1", "arn:aws-cn:iam::123456789012:role/r", false)]
    [InlineData("us-gov-west-1", "arn:aws:iam::123456789012:role/r", false)]
    [InlineData("cn-north-1", "arn:aws-us-gov:iam::123456789012:role/r", false)]
    public void Region_must_lie_in_the_role_partition(string region, string arn, bool valid)
    {
        var error = InputRules.RegionInPartition(region, arn);

        Assert.Equal(valid, error is null);
        if (error is not null)
            Assert.Contains("partition", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod.eu_1")]
    [InlineData("acme/dev")]
    [InlineData("acme/create-role/dev")]
    public void Stack_names_pass_plain_and_qualified(string stack) => Assert.Null(InputRules.StackName(stack));

    [Theory]
    [InlineData("dev stack")]
    [InlineData("a/b/c/d")]
    [InlineData("acme//dev")]
    [InlineData("dev/")]
    [InlineData("dév")]
    public void Malformed_stack_names_fail(string stack)
    {
        var error = InputRules.StackName(stack);

        Assert.NotNull(error);
        Assert.Contains($"stack name '{stack}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_name_over_100_characters_fails() =>
        Assert.NotNull(InputRules.StackName(new string('s', 101)));

    [Theory]
    [InlineData("ab", true)]
    [InlineData("assume-role-dev", true)]
    [InlineData("user@example.com,x=y", true)]
    [InlineData("a", false)]
    [InlineData("has space", false)]
    [InlineData("plus+sign", false)]
    public void Session_names_follow_STS_rules(string name, bool valid) =>
        Assert.Equal(valid, InputRules.SessionName(name) is null);

    [Fact]
    public void Session_name_length_is_bounded_at_64()
    {
        Assert.Null(InputRules.SessionName(new string('s', 64)));
        Assert.NotNull(InputRules.SessionName(new string('s', 65)));
    }

    [Theory]
    [InlineData("dev", "assume-role-dev")]
    [InlineData("acme/prod.eu_1", "assume-role-acme.prod.eu_1")]
    public void Session_name_is_derived_from_the_stack(string stack, string expected) =>
        Assert.Equal(expected, InputRules.SessionNameFor(stack));

    [Fact]
    public void Session_name_of_a_long_stack_is_trimmed_to_a_valid_name()
    {
        var name = InputRules.SessionNameFor(new string('x', 100));

        Assert.Equal(64, name.Length);
        Assert.Null(InputRules.SessionName(name));
    }

    [Theory]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("3600s", 3600)]
    [InlineData("12h", 43200)]
    public void Session_durations_parse_like_the_provider(string value, int seconds)
    {
        Assert.Null(InputRules.SessionDuration(value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), InputRules.ParseDuration(value));
    }

    [Theory]
    [InlineData("14m")]
    [InlineData("12h1s")]
    [InlineData("1d")]
    [InlineData("1.5h")]
    [InlineData("h")]
    [InlineData("30m1h")]
    public void Session_durations_outside_the_rule_fail(string value)
    {
        var error = InputRules.SessionDuration(value);

        Assert.NotNull(error);
        Assert.Contains("from 15m to 12h", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PulumiApplication", true)]
    [InlineData("urn:tenant/42", true)]
    [InlineData("x", false)]
    [InlineData("with space", false)]
    public void External_ids_follow_STS_rules(string value, bool valid) =>
        Assert.Equal(valid, InputRules.ExternalId(value) is null);

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", true)]
    [InlineData("ASIAIOSFODNN7EXAMPLE", true)]
    [InlineData("akiaiosfodnn7example", false)]
    [InlineData("AKIAIOSFODNN7EXAMPL", false)]
    [InlineData("XKIAIOSFODNN7EXAMPLE", false)]
    public void Access_key_ids_have_the_AWS_shape(string value, bool valid) =>
        Assert.Equal(valid, InputRules.AccessKeyId(value) is null);

    [Theory]
    [InlineData("aws-unprivileged")]
    [InlineData("AWS unprivileged (prod)")]
    [InlineData("unprivilégié")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    public void GitHub_environment_names_GitHub_accepts_pass(string name) => Assert.Null(InputRules.GitHubEnvironmentName(name));

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../secrets")]
    [InlineData("prod/eu")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("   ")]
    public void GitHub_environment_names_that_could_change_the_request_route_fail_naming_value_and_rule(string name)
    {
        var error = InputRules.GitHubEnvironmentName(name, "unprivileged environment (--unprivileged-environment)");

        Assert.NotNull(error);
        Assert.Contains($"unprivileged environment (--unprivileged-environment) '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no '/' or control characters, and not '.' or '..'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_environment_name_of_255_characters_passes_and_256_fails()
    {
        Assert.Null(InputRules.GitHubEnvironmentName(new string('e', 255)));
        Assert.NotNull(InputRules.GitHubEnvironmentName(new string('e', 256)));
        Assert.StartsWith("The GitHub environment name is missing", InputRules.GitHubEnvironmentName("")!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_returns_a_valid_value_and_throws_the_rule_for_an_invalid_one()
    {
        Assert.Equal("us-east-1", InputRules.Require("us-east-1", v => InputRules.Region(v)));

        var thrown = Assert.Throws<InvalidInputException>(() => InputRules.Require("mars-1", v => InputRules.Region(v, "--region")));

        Assert.Equal("--region", thrown.Error.Input);
        Assert.Equal("The --region 'mars-1' is invalid: a region code such as us-east-1, eu-central-2, us-gov-west-1 or cn-north-1.", thrown.Message);
    }

    [Theory]
    [InlineData("../pr-12")]
    [InlineData("org/../pr-12")]
    [InlineData("./dev")]
    [InlineData("org/./dev")]
    [InlineData("..")]
    [InlineData("dev..x")]
    public void A_stack_name_is_never_a_relative_path(string stack)
    {
        var error = InputRules.StackName(stack, "stack name (--stack)");

        Assert.NotNull(error);
        Assert.Contains($"'{stack}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("never '.' or '..'", error.Message, StringComparison.Ordinal);
    }
}
