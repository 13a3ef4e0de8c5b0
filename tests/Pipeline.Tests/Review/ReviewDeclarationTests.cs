using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

/// <summary>The <c>review:</c> section of deploy/stacks.yml, and how <c>--stack pr-&lt;n&gt;</c> is checked against it.</summary>
public sealed class ReviewDeclarationTests
{
    private const string Source = "stacks.yml";

    private const string Dev = """
        stacks:
          - name: dev
            environments:
              privileged: dev-privileged
              unprivileged: dev-unprivileged
              preview: dev-preview
        """;

    private static StackDeclaration Parse(string review) => StackDeclaration.Parse(Dev + "\n" + review, Source);

    private static string Message(string review) => Assert.Throws<InvalidInputException>(() => Parse(review)).Message;

    private const string Review = """
        review:
          environments:
            privileged: review-privileged
            unprivileged: review-unprivileged
        """;

    [Fact]
    public void The_repository_declares_review_stacks_with_the_default_label_and_time_to_live_in_environments_of_their_own()
    {
        var declaration = StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath));

        Assert.Equal(new ReviewStacksDeclaration("review-stack", TimeSpan.FromDays(3), "aws-review-privileged", "aws-review-unprivileged"),
            declaration.Review);
    }

    [Fact]
    public void Label_and_time_to_live_default_and_can_be_set()
    {
        Assert.Equal(("review-stack", TimeSpan.FromDays(3)), (Parse(Review).Review!.Label, Parse(Review).Review!.TimeToLive));

        var set = Parse(Review + "\n  label: deploy me\n  time-to-live-days: 7");

        Assert.Equal(("deploy me", TimeSpan.FromDays(7)), (set.Review!.Label, set.Review.TimeToLive));
    }

    [Fact]
    public void A_pull_requests_stack_is_a_declared_stack_with_the_review_environments_and_no_preview()
    {
        var stack = Parse(Review).Require("pr-12");

        Assert.Equal(new DeclaredStack("pr-12", "review-privileged", "review-unprivileged", null, null), stack);
        Assert.Equal("review-unprivileged", Parse(Review).RequireUnprivilegedEnvironment("pr-12", null));
        Assert.Throws<InvalidInputException>(() => Parse(Review).RequireUnprivilegedEnvironment("pr-12", "dev-unprivileged"));
    }

    [Theory]
    [InlineData("pr-012")]
    [InlineData("pr-x")]
    [InlineData("PR-12")]
    [InlineData("a/b/pr-12")]
    [InlineData("-org/pr-12")]
    public void A_review_stack_name_out_of_form_fails_naming_the_form(string name)
    {
        var error = Assert.Throws<InvalidInputException>(() => Parse(Review).Require(name));

        Assert.EndsWith("one of the stacks declared in stacks.yml: dev, or a pull request's review stack pr-<number> (no leading zeros), " +
                        "optionally as <organisation>/pr-<number>.",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../pr-12")]
    [InlineData("org/../pr-12")]
    [InlineData("./pr-12")]
    public void A_name_with_a_dot_segment_is_no_stack_at_all(string name)
    {
        var error = Assert.Throws<InvalidInputException>(() => Parse(Review).Require(name));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("never '.' or '..'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_stack_qualified_by_its_organisation_keeps_the_organisation_in_its_name()
    {
        var stack = Parse(Review).Require("octo-org/pr-12");

        Assert.Equal(new DeclaredStack("octo-org/pr-12", "review-privileged", "review-unprivileged", null, null), stack);
    }

    [Fact]
    public void Without_a_review_section_pr_stacks_are_refused_saying_what_is_missing()
    {
        var declaration = StackDeclaration.Parse(Dev, Source);

        Assert.Null(declaration.Review);
        var error = Assert.Throws<InvalidInputException>(() => declaration.Require("pr-12"));
        Assert.EndsWith("(review stacks need a 'review:' section in stacks.yml).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    privileged: dev-privileged\n    unprivileged: review-unprivileged", "review.environments.privileged", "dev-privileged")]
    [InlineData("    privileged: review\n    unprivileged: DEV-PREVIEW", "review.environments.unprivileged", "DEV-PREVIEW")]
    [InlineData("    privileged: same\n    unprivileged: same", "review.environments.unprivileged", "same")]
    public void Review_environments_are_shared_with_no_stack_and_not_with_each_other(string environments, string input, string value)
    {
        var message = Message($"review:\n  environments:\n{environments}");

        Assert.Contains($"{input} (stacks.yml, line", message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
        Assert.Contains("an environment of the review stacks alone", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("2.5")]
    [InlineData("three")]
    public void A_time_to_live_out_of_range_fails_naming_it_and_the_rule(string days) =>
        Assert.Contains("a whole number of days from 1 to 90", Message(Review + $"\n  time-to-live-days: {days}"), StringComparison.Ordinal);

    [Fact]
    public void Unknown_keys_a_missing_environment_and_a_declared_stack_named_like_a_review_stack_are_refused()
    {
        Assert.Contains("one of label, time-to-live-days, environments", Message(Review + "\n  ttl: 3"), StringComparison.Ordinal);
        Assert.Contains("review.environments.unprivileged", Message("review:\n  environments:\n    privileged: p"), StringComparison.Ordinal);
        Assert.Contains("a GitHub label", Message(Review + "\n  label: \"\""), StringComparison.Ordinal);
        Assert.Contains("that prefix is the review stacks'", Assert.Throws<InvalidInputException>(() => StackDeclaration.Parse(
            Dev.Replace("name: dev", "name: pr-1", StringComparison.Ordinal), Source)).Message, StringComparison.Ordinal);
    }
}
