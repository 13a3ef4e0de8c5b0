using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Tests;

/// <summary>A missing value is named as missing, not as invalid, whichever way it reaches the rules.</summary>
public sealed class MissingInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_role_ARN_or_stack_name_is_reported_missing(string? value)
    {
        Assert.StartsWith("The role ARN is missing: arn:<aws|aws-cn|aws-us-gov>:iam::", InputRules.RoleArn(value)!.Message, StringComparison.Ordinal);
        Assert.StartsWith("The stack name is missing: letters, digits", InputRules.StackName(value)!.Message, StringComparison.Ordinal);
        Assert.Null(InputRules.ParseDuration(value));
    }

    [Fact]
    public void A_region_is_not_checked_against_a_malformed_role_ARN()
    {
        // The role ARN has its own rule and message; the partition check does not repeat it.
        Assert.Null(InputRules.RegionInPartition("eu-central-1", "not-an-arn"));
    }

    [Fact]
    public void The_exception_carries_the_input_error_and_its_message()
    {
        var error = new InputError("AWS region", "mars-1", "a region code such as eu-central-1");

        var fromError = new InvalidInputException(error);
        var fromMessage = new InvalidInputException("the stack name is required");
        var wrapped = new InvalidInputException("bad value", new FormatException("inner"));

        Assert.Same(error, fromError.Error);
        Assert.Equal("The AWS region 'mars-1' is invalid: a region code such as eu-central-1.", fromError.Message);
        Assert.Equal("The input is missing: the stack name is required.", fromMessage.Message);
        Assert.Equal("The input is missing: a value is required.", new InvalidInputException().Message);
        Assert.IsType<FormatException>(wrapped.InnerException);
        Assert.Equal("bad value", wrapped.Error.Rule);
    }
}
