using System.Text.Json;
using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Tests.SetUp;

public sealed class IamTemplatesTests
{
    private const string Account = "123456789012";
    private static readonly TemplateValues Dev = new(Account, "aws", "octo-org/widgets", "aws-privileged", "dev");

    public static TheoryData<IamTemplate> Templates() => [.. Enum.GetValues<IamTemplate>()];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Each_template_is_deploy_iams_own_file_so_the_checker_and_the_set_up_read_the_same_policy(IamTemplate template)
    {
        var onDisk = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "iam", IamTemplates.FileName(template)));

        Assert.Equal(onDisk, IamTemplates.Text(template));
    }

    [Fact]
    public void Every_policy_file_of_deploy_iam_is_a_template_here()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "deploy", "iam"), "*.json")
            .Select(Path.GetFileName)
            .Where(f => f!.EndsWith("-policy.json", StringComparison.Ordinal) || f.EndsWith("-boundary.json", StringComparison.Ordinal) ||
                        f.StartsWith("trust-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, Enum.GetValues<IamTemplate>().Select(IamTemplates.FileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Rendered_each_is_compact_json_with_no_placeholder_left(IamTemplate template)
    {
        var json = IamTemplates.Render(template, Dev);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("2012-10-17", document.RootElement.GetProperty("Version").GetString());
        Assert.DoesNotContain("${", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\": ", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deploy_policy_names_the_stacks_user_and_the_boundary_in_the_account_and_partition()
    {
        var json = IamTemplates.Render(IamTemplate.DeployPolicy, Dev with { Partition = "aws-us-gov" });

        Assert.Contains("\"arn:aws-us-gov:iam::123456789012:user/assume-role-pipeline-dev\"", json, StringComparison.Ordinal);
        Assert.Contains("\"arn:aws-us-gov:iam::123456789012:policy/assume-role-pipeline-boundary\"", json, StringComparison.Ordinal);
        Assert.Contains("\"aws:RequestTag/Stack\":\"dev\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trust_names_exactly_the_environments_subject_and_githubs_provider()
    {
        using var document = JsonDocument.Parse(IamTemplates.Render(IamTemplate.TrustDeploy, Dev));

        var statement = Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
            statement.GetProperty("Principal").GetProperty("Federated").GetString());
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("repo:octo-org/widgets:environment:aws-privileged", equals.GetProperty("token.actions.githubusercontent.com:sub").GetString());
        Assert.Equal("sts.amazonaws.com", equals.GetProperty("token.actions.githubusercontent.com:aud").GetString());
    }

    [Fact]
    public void An_environment_holding_quotes_and_backslashes_stays_one_json_string_and_changes_nothing_else()
    {
        const string environment = "prod\",\"Effect\":\"Allow\\";

        var json = IamTemplates.Render(IamTemplate.TrustDeploy, Dev with { Environment = environment });

        using var document = JsonDocument.Parse(json);
        var statement = Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal($"repo:octo-org/widgets:environment:{environment}",
            statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("token.actions.githubusercontent.com:sub").GetString());
    }

    [Theory]
    [InlineData("12345678901", "AWS account id", "12 digits")]
    [InlineData("12345678901a", "AWS account id", "12 digits")]
    [InlineData("123456789012\n", "AWS account id", "12 digits")]
    public void A_malformed_account_id_is_refused_naming_it_and_the_rule(string account, string input, string rule)
    {
        var error = Assert.Throws<InvalidInputException>(() => IamTemplates.Render(IamTemplate.DeployPolicy, Dev with { AccountId = account }));

        Assert.Equal($"{input} for deploy/iam/deploy-policy.json", error.Error.Input);
        Assert.Equal(account, error.Error.Value);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws-eu")]
    [InlineData("AWS")]
    [InlineData("")]
    public void A_partition_other_than_awss_three_is_refused(string partition)
    {
        var error = Assert.Throws<InvalidInputException>(() => IamTemplates.Render(IamTemplate.ReviewBoundary, Dev with { Partition = partition }));

        Assert.Contains("aws, aws-cn or aws-us-gov", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("octo-org")]
    [InlineData("octo-org/widgets/extra")]
    [InlineData("-octo/widgets")]
    [InlineData("octo--org/widgets")]
    [InlineData("octo-org/..")]
    [InlineData("octo-org/wid*gets")]
    [InlineData("octo-org/widgets\n")]
    [InlineData("a234567890123456789012345678901234567890/widgets")]
    public void A_repository_github_would_not_allow_is_refused_before_it_reaches_a_subject(string repository)
    {
        var error = Assert.Throws<InvalidInputException>(() => IamTemplates.Render(IamTemplate.TrustDeploy, Dev with { Repository = repository }));

        Assert.Equal(repository, error.Error.Value);
        Assert.Contains("OWNER/REPO", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void An_environment_github_would_misroute_is_refused(string environment)
    {
        var error = Assert.Throws<InvalidInputException>(() => IamTemplates.Render(IamTemplate.TrustPreview, Dev with { Environment = environment }));

        Assert.StartsWith("GitHub environment for deploy/iam/trust-preview.json", error.Error.Input, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("org/dev")]
    [InlineData("pr-12")]
    [InlineData("dev stack")]
    [InlineData("a-stack-name-far-too-long-for-its-iam-user-name")]
    public void A_stack_the_policies_cannot_name_is_refused(string stack)
    {
        var error = Assert.Throws<InvalidInputException>(() => IamTemplates.Render(IamTemplate.DeployPolicy, Dev with { Stack = stack }));

        Assert.Equal(stack, error.Error.Value);
        Assert.Contains("a stack name without organisation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_with_no_value_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidInputException>(() => IamTemplates.Render(IamTemplate.PreviewPolicy, Dev with { Stack = null }));

        Assert.Equal("The stack for deploy/iam/preview-policy.json is missing: " + error.Error.Rule + ".", error.Message);
    }

    [Fact]
    public void A_value_that_would_leave_a_placeholder_behind_is_refused()
    {
        var error = Assert.Throws<InvalidInputException>(() => IamTemplates.Render(IamTemplate.TrustDeploy, Dev with { Environment = "x${Stack}" }));

        Assert.Equal("rendered deploy/iam/trust-deploy.json", error.Error.Input);
        Assert.Equal("${Stack}", error.Error.Value);
    }

    [Fact]
    public void A_template_that_needs_no_environment_or_stack_renders_without_them()
    {
        var json = IamTemplates.Render(IamTemplate.ReviewBoundary, new TemplateValues(Account, "aws-cn", "octo-org/widgets"));

        Assert.Contains("arn:aws-cn:s3:::assume-role-pipeline-pr-*", json, StringComparison.Ordinal);
    }
}
