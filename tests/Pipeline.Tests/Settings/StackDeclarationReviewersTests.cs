using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Settings;

/// <summary>deploy/stacks.yml's <c>reviewers:</c> and <c>accept-risk:</c>, per stack and for the review stacks (issue 18).</summary>
public sealed class StackDeclarationReviewersTests
{
    private const string Head = """
        stacks:
          - name: dev
            environments:
              privileged: aws-privileged
              unprivileged: aws-unprivileged
              preview: aws-preview
          - name: prod
            promote-after: dev
            environments:
              privileged: aws-prod-privileged
              unprivileged: aws-prod-unprivileged
              preview: aws-prod-preview

        """;

    private static StackDeclaration Parse(string prodKeys, string review = "") =>
        StackDeclaration.Parse(Head.Replace("    promote-after: dev\n", "    promote-after: dev\n" + prodKeys, StringComparison.Ordinal) + review, "stacks.yml");

    private static string Message(string prodKeys) => Assert.Throws<InvalidInputException>(() => Parse(prodKeys)).Message;

    [Fact]
    public void Reviewers_and_accepted_risks_are_optional_and_read_per_stack_and_for_the_review_stacks()
    {
        var declaration = Parse("    reviewers: [octocat, Octo-Org/platform_team]\n", """
            review:
              reviewers:
                - hubot
              accept-risk:
                required-reviewers: "Free plan: no reviewers on private repositories"
              environments:
                privileged: aws-review-privileged
                unprivileged: aws-review-unprivileged
            """);

        Assert.Empty(declaration.Stacks[0].Reviewers);
        Assert.Empty(declaration.Stacks[0].AcceptedRisks);
        Assert.Equal([new GitHubReviewer(null, "octocat"), new GitHubReviewer("Octo-Org", "platform_team")], declaration.Stacks[1].Reviewers);
        Assert.True(declaration.Stacks[1].Reviewers[1].IsTeam);
        Assert.Equal([new GitHubReviewer(null, "hubot")], declaration.Review!.Reviewers);
        Assert.Equal([new AcceptedRisk("required-reviewers", "Free plan: no reviewers on private repositories")], declaration.Review.AcceptedRisks);
    }

    [Fact]
    public void The_committed_declaration_still_reads_and_declares_no_placeholder_reviewer()
    {
        var declaration = StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath));

        Assert.All(declaration.Stacks, s => Assert.Empty(s.Reviewers));
    }

    [Theory]
    [InlineData("    reviewers: [-octocat]\n", "The entry of reviewers of stack prod (stacks.yml, line 9) '-octocat' is invalid: a GitHub login")]
    [InlineData("    reviewers: [octo--cat]\n", "The entry of reviewers of stack prod (stacks.yml, line 9) 'octo--cat' is invalid")]
    [InlineData("    reviewers: [org/team/x]\n", "The entry of reviewers of stack prod (stacks.yml, line 9) 'org/team/x' is invalid")]
    [InlineData("    reviewers: [\"a b\"]\n", "The entry of reviewers of stack prod (stacks.yml, line 9) 'a b' is invalid")]
    [InlineData("    reviewers: [octocat, OctoCat]\n", "The entry of reviewers of stack prod (stacks.yml, line 9) 'OctoCat' is invalid: a reviewer not already listed")]
    [InlineData("    reviewers: octocat\n", "The reviewers of stack prod (stacks.yml, line 9) is missing: a list of 1 to 6 reviewers (GitHub's limit)")]
    [InlineData("    reviewers: []\n", "The reviewers of stack prod (stacks.yml, line 9) is missing: a list of 1 to 6 reviewers")]
    [InlineData("    reviewers: [a, b, c, d, e, f, g]\n", "The reviewers of stack prod (stacks.yml, line 9) is missing: a list of 1 to 6 reviewers")]
    [InlineData("    accept-risk:\n      deployment-branches: we trust everyone\n",
        "The key in accept-risk of stack prod (stacks.yml, line 10) 'deployment-branches' is invalid: one of required-reviewers.")]
    [InlineData("    accept-risk:\n      required-reviewers: \"\"\n",
        "The accept-risk of stack prod.required-reviewers (stacks.yml, line 10) is missing: the reason, on one line")]
    [InlineData("    accept-risk: yes\n", "The accept-risk of stack prod (stacks.yml, line 9) is missing: a mapping of a rule (required-reviewers) to the reason")]
    public void A_malformed_reviewer_or_accepted_risk_fails_with_its_line_and_the_rule(string prodKeys, string message)
    {
        Assert.StartsWith(message, Message(prodKeys), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("octocat", false)]
    [InlineData("a", false)]
    [InlineData("octo-org/platform", true)]
    [InlineData("octo-org/platform-team_2", true)]
    public void A_login_or_an_organisations_team_is_a_reviewer(string value, bool team)
    {
        var reviewer = GitHubReviewer.Parse(value);

        Assert.NotNull(reviewer);
        Assert.Equal((team, value), (reviewer.IsTeam, reviewer.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("octocat-")]
    [InlineData("a123456789012345678901234567890123456789")] // 40 characters
    [InlineData("org/")]
    [InlineData("/team")]
    [InlineData("org/te am")]
    [InlineData("octocat\n")]
    public void Anything_else_is_no_reviewer(string value) => Assert.Null(GitHubReviewer.Parse(value));
}
