using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

public sealed class ReviewStackNameTests
{
    [Fact]
    public void A_pull_request_number_gives_the_stack_and_the_user()
    {
        var review = ReviewStackName.For(12);

        Assert.Equal("pr-12", review.Stack);
        Assert.Equal("assume-role-pipeline-pr-12", review.UserName);
        Assert.Equal(SettingsResolver.DefaultUserName("pr-12"), review.UserName); // what ./build.sh Up --stack pr-12 creates
    }

    [Fact]
    public void The_user_name_of_the_largest_number_github_can_give_is_a_valid_iam_name_within_64_characters()
    {
        var review = ReviewStackName.For(int.MaxValue);

        Assert.Equal("assume-role-pipeline-pr-2147483647", review.UserName);
        Assert.True(review.UserName.Length <= InputRules.MaxIamNameLength);
        Assert.Null(InputRules.IamUserName(review.UserName));
        Assert.Null(InputRules.StackName(review.Stack));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_number_below_one_is_refused_naming_the_value_and_the_rule(int number)
    {
        var error = Assert.Throws<InvalidInputException>(() => ReviewStackName.For(number));

        Assert.Contains($"'{number}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a whole number from 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pr-12", 12)]
    [InlineData("octo-org/pr-7", 7)]
    [InlineData("pr-2147483647", int.MaxValue)]
    public void Parse_reads_the_canonical_review_stack_names(string stack, int number) =>
        Assert.Equal(number, ReviewStackName.Parse(stack)?.PullRequest);

    [Theory]
    [InlineData("dev")]
    [InlineData("pr-012")]
    [InlineData("PR-12")]
    [InlineData("pr-0")]
    [InlineData("pr-")]
    [InlineData("pr-12a")]
    [InlineData("pr-2147483648")]
    [InlineData("pr-99999999999")]
    [InlineData("pr-12\n")]
    [InlineData("../pr-12")]
    [InlineData("./pr-12")]
    [InlineData("a/b/pr-12")]
    [InlineData("org/../pr-12")]
    [InlineData("/pr-12")]
    [InlineData("-org/pr-12")]
    [InlineData("org..x/pr-12")]
    [InlineData("org name/pr-12")]
    [InlineData("an-organisation-name-of-41-characters-xyz/pr-12")]
    [InlineData(null)]
    public void Parse_refuses_every_other_spelling_so_two_names_never_share_one_user(string? stack) =>
        Assert.Null(ReviewStackName.Parse(stack));

    [Theory]
    [InlineData("pr-12", null, "pr-12")]
    [InlineData("octo-org/pr-12", "octo-org", "octo-org/pr-12")]
    [InlineData("Octo_Org.2/pr-12", "Octo_Org.2", "Octo_Org.2/pr-12")]
    [InlineData("an-organisation-name-of-40-characters-xy/pr-12", "an-organisation-name-of-40-characters-xy", "an-organisation-name-of-40-characters-xy/pr-12")]
    public void A_review_stack_keeps_its_organisation_and_derives_the_same_user_from_its_number(string stack, string? organisation, string qualified)
    {
        var review = ReviewStackName.Parse(stack)!;

        Assert.Equal((organisation, qualified, "pr-12"), (review.Organisation, review.QualifiedStack, review.Stack));
        Assert.Equal(ReviewStackName.For(12).UserName, review.UserName);
    }

    [Fact]
    public void The_same_pull_request_in_two_organisations_is_two_review_stacks() =>
        Assert.NotEqual(ReviewStackName.Parse("a/pr-12"), ReviewStackName.Parse("b/pr-12"));
}
