using AssumeRolePipeline.Contracts.Stacks;

namespace AssumeRolePipeline.Contracts.Tests;

public sealed class StackNameTests
{
    [Theory]
    [InlineData("dev", "dev", null)]
    [InlineData("acme/dev", "dev", "acme")]
    [InlineData("acme/create-role/pr-12", "pr-12", "acme")]
    public void A_qualified_name_has_its_short_name_and_organisation(string name, string shortName, string? organization)
    {
        var stack = new StackName(name);

        Assert.Equal((shortName, organization), (stack.Short, stack.Organization));
    }

    [Theory]
    [InlineData("dev", "dev", true)]
    [InlineData("dev", "acme/dev", true)] // Pulumi Cloud lists a plain name qualified
    [InlineData("acme/dev", "acme/dev", true)]
    [InlineData("acme/dev", "other/dev", false)] // another organisation's stack is another stack
    [InlineData("dev", "dev2", false)]
    public void The_backend_listing_matches_the_stack_and_no_other(string asked, string listed, bool matches) =>
        Assert.Equal(matches, new StackName(asked).Matches(listed));

    [Theory]
    [InlineData("pr-12", 12L)]
    [InlineData("acme/pr-7", 7L)]
    [InlineData("pr-0", null)]
    [InlineData("pr-12\n", null)]
    [InlineData("dev", null)]
    [InlineData("pr-12x", null)]
    public void A_review_stack_is_pr_and_a_pull_request_number(string name, long? number) =>
        Assert.Equal(number, new StackName(name).ReviewNumber);

    [Theory]
    [InlineData("pr-12", "assume-role-pipeline-pr-12-")]
    [InlineData("acme/pr-4096", "assume-role-pipeline-pr-4096-")]
    [InlineData("dev", null)]
    [InlineData("prod", null)]
    public void Only_a_review_stacks_bucket_is_named_by_its_prefix_which_the_review_boundary_allows(string stack, string? prefix)
    {
        Assert.Equal(prefix, AssumeRoleContract.BucketPrefixFor(stack));

        // The review boundary (deploy/iam/review-boundary.json) allows S3 on exactly the buckets with this prefix.
        var boundary = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "iam", "review-boundary.json"));
        Assert.Contains($"arn:${{Partition}}:s3:::{AssumeRoleContract.ReviewBucketPrefix}*", boundary, StringComparison.Ordinal);
        // S3's limit on a prefix (63 characters a name, Pulumi's random suffix of 7 and more) leaves room to spare.
        Assert.True((prefix ?? string.Empty).Length <= 37);
    }
}
