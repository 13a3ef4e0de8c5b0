using System.Text.Json;
using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Tests.SetUp;

public sealed class SetUpDocumentsTests
{
    private const string Account = "123456789012";
    private const string Repository = "octo-org/widgets";

    [Theory]
    [InlineData(SetUpRoleKind.Deploy, "aws-prod-privileged", "prod", "iam:CreateUser")]
    [InlineData(SetUpRoleKind.Preview, "aws-prod-preview", "prod", "iam:GetUser")]
    [InlineData(SetUpRoleKind.Review, "aws-review-privileged", null, "assume-role-pipeline-pr-*")]
    public void Each_role_trusts_its_environment_and_carries_its_kinds_policy(SetUpRoleKind kind, string environment, string? stack, string inPolicy)
    {
        var role = SetUpDocuments.Role(kind, Account, "aws", Repository, environment, stack);

        Assert.Equal(SetUpNames.RoleName(Repository, environment), role.Name);
        Assert.Empty(TrustPolicyVerdict.Of(role.TrustPolicy, SetUpNames.Subject(Repository, environment), SetUpNames.OidcProviderArn("aws", Account)));
        Assert.Equal(IamTemplates.Render(SetUpDocuments.PolicyTemplate(kind), new TemplateValues(Account, "aws", Repository, environment, stack)), role.Policy);
        Assert.Contains(inPolicy, role.Policy, StringComparison.Ordinal);
        Assert.Contains(environment, role.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_preview_role_may_change_nothing()
    {
        var role = SetUpDocuments.Role(SetUpRoleKind.Preview, Account, "aws", Repository, "aws-preview", "dev");

        using var policy = JsonDocument.Parse(role.Policy);
        var actions = policy.RootElement.GetProperty("Statement").EnumerateArray()
            .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!));
        Assert.All(actions, a => Assert.Matches("^iam:(Get|List)", a));
    }

    [Fact]
    public void A_review_role_ignores_the_pr_pattern_a_deploy_role_would_refuse()
    {
        var review = SetUpDocuments.Role(SetUpRoleKind.Review, Account, "aws", Repository, "aws-review-privileged", "pr-*");
        var error = Assert.Throws<InvalidInputException>(() => SetUpDocuments.Role(SetUpRoleKind.Deploy, Account, "aws", Repository, "aws-privileged", "pr-*"));

        Assert.DoesNotContain("${", review.Policy, StringComparison.Ordinal);
        Assert.Equal("pr-*", error.Error.Value);
        Assert.Equal("stack of the deploy role for environment aws-privileged", error.Error.Input);
    }

    [Fact]
    public void The_boundaries_are_deploy_iams_with_the_partition_filled_in()
    {
        Assert.Contains("\"Action\":\"s3:*\",\"Resource\":\"*\"", SetUpDocuments.DeployBoundary(Account, "aws", Repository), StringComparison.Ordinal);
        Assert.Contains("arn:aws-us-gov:s3:::assume-role-pipeline-pr-*/*", SetUpDocuments.ReviewBoundary(Account, "aws-us-gov", Repository), StringComparison.Ordinal);
    }

    [Fact]
    public void The_boundary_names_are_the_ones_the_policies_require()
    {
        var deploy = SetUpDocuments.Role(SetUpRoleKind.Deploy, Account, "aws", Repository, "aws-privileged", "dev").Policy;
        var review = SetUpDocuments.Role(SetUpRoleKind.Review, Account, "aws", Repository, "aws-review-privileged", null).Policy;

        Assert.Contains($"\"{SetUpNames.DeployBoundaryArn("aws", Account)}\"", deploy, StringComparison.Ordinal);
        Assert.Contains($"\"{SetUpNames.ReviewBoundaryArn("aws", Account)}\"", review, StringComparison.Ordinal);
    }

    [Fact]
    public void A_description_holds_only_what_iam_accepts_and_at_most_1000_characters()
    {
        var description = SetUpDocuments.Description("env ✓ prod" + new string('x', 2000));

        Assert.StartsWith("env ? prod", description, StringComparison.Ordinal);
        Assert.Equal(SetUpDocuments.MaxDescriptionLength, description.Length);
    }

    [Theory]
    [InlineData(SetUpRoleKind.Deploy, "deploy")]
    [InlineData(SetUpRoleKind.Preview, "preview")]
    [InlineData(SetUpRoleKind.Review, "review")]
    public void Each_kind_pairs_the_files_deploy_iams_roles_json_pairs(SetUpRoleKind kind, string role)
    {
        using var roles = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "iam", "roles.json")));
        var entry = roles.RootElement.GetProperty("roles").GetProperty(role);

        Assert.Equal(entry.GetProperty("policy").GetString(), IamTemplates.FileName(SetUpDocuments.PolicyTemplate(kind)));
        Assert.Equal(entry.GetProperty("trust").GetString(), IamTemplates.FileName(SetUpDocuments.TrustTemplate(kind)));
    }
}
