using System.Text.Json;
using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Tests.SetUp;

public sealed class SetUpNamesTests
{
    [Theory]
    [InlineData("octo-org/widgets", "aws-privileged", "gha-octo-org-widgets-aws-privileged")]
    [InlineData("octo-org/widgets", "aws-review-privileged", "gha-octo-org-widgets-aws-review-privileged")]
    [InlineData("a/b.c_d", "prod", "gha-a-b.c_d-prod")]
    public void A_role_is_named_after_its_repository_and_environment(string repository, string environment, string expected)
    {
        Assert.Equal(expected, SetUpNames.RoleName(repository, environment));
    }

    [Theory]
    [InlineData("octo-org/a-repository-with-a-rather-long-name", "aws-prod-privileged")]
    [InlineData("octo-org/widgets", "prod (eu)")]
    [InlineData("octo-org/widgets", "prödüction")]
    public void A_name_iam_would_refuse_is_cut_and_ends_with_a_hash_that_keeps_it_unique(string repository, string environment)
    {
        var name = SetUpNames.RoleName(repository, environment);

        Assert.Null(InputRules.IamUserName(name));
        Assert.Matches("-[0-9a-f]{8}\\z", name);
        Assert.StartsWith("gha-octo-org-", name, StringComparison.Ordinal);
        Assert.Equal(name, SetUpNames.RoleName(repository, environment));
        // GitHub's names ignore case: the same repository and environment spelt otherwise hash alike.
        Assert.Equal(name[^8..], SetUpNames.RoleName(repository.ToUpperInvariant(), environment.ToUpperInvariant())[^8..]);
    }

    [Fact]
    public void Names_that_clean_to_the_same_text_stay_apart()
    {
        Assert.NotEqual(SetUpNames.RoleName("octo-org/widgets", "prod eu"), SetUpNames.RoleName("octo-org/widgets", "prod:eu"));
        Assert.NotEqual(SetUpNames.RoleName("octo-org/widgets", "prod eu"), SetUpNames.RoleName("octo-org/widgets", "prod-eu"));
    }

    [Fact]
    public void Two_repositories_in_one_account_never_share_a_role()
    {
        Assert.NotEqual(SetUpNames.RoleName("octo-org/widgets", "aws-privileged"), SetUpNames.RoleName("octo-fork/widgets", "aws-privileged"));
    }

    [Fact]
    public void A_role_name_for_a_bad_repository_is_refused_before_anything_is_named()
    {
        var error = Assert.Throws<InvalidInputException>(() => SetUpNames.RoleName("widgets", "aws-privileged"));

        Assert.Equal("widgets", error.Error.Value);
    }

    [Theory]
    [InlineData("Octo-Org/Widgets", "octo-org.widgets")]
    [InlineData("a/b", "a.b")]
    public void The_set_ups_own_stack_is_named_after_the_repository(string repository, string expected)
    {
        Assert.Equal(expected, SetUpNames.StackName(repository));
        Assert.Null(InputRules.StackName(expected));
    }

    [Fact]
    public void A_set_up_stack_name_over_pulumis_limit_is_cut_with_a_hash()
    {
        var name = SetUpNames.StackName("octo-org/" + new string('w', 100));

        Assert.Equal(InputRules.MaxStackNameLength, name.Length);
        Assert.Null(InputRules.StackName(name));
    }

    [Fact]
    public void The_arns_are_the_ones_deploy_iams_roles_json_names()
    {
        using var roles = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "iam", "roles.json")));
        string Boundary(string role) => roles.RootElement.GetProperty("roles").GetProperty(role).GetProperty("boundaryArn").GetString()!
            .Replace("${Partition}", "aws", StringComparison.Ordinal).Replace("${AccountId}", "123456789012", StringComparison.Ordinal);

        Assert.Equal(Boundary("deploy"), SetUpNames.DeployBoundaryArn("aws", "123456789012"));
        Assert.Equal(Boundary("review"), SetUpNames.ReviewBoundaryArn("aws", "123456789012"));
        Assert.Equal("arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", SetUpNames.OidcProviderArn("aws-cn", "123456789012"));
        Assert.Equal("arn:aws:iam::123456789012:role/gha-a-b-prod", SetUpNames.RoleArn("aws", "123456789012", "gha-a-b-prod"));
    }

    [Fact]
    public void The_subject_is_githubs_for_a_job_in_the_environment()
    {
        Assert.Equal("repo:octo-org/widgets:environment:aws-prod-privileged", SetUpNames.Subject("octo-org/widgets", "aws-prod-privileged"));
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public void A_regions_partition(string region, string partition)
    {
        Assert.Equal(partition, SetUpNames.PartitionOfRegion(region));
    }
}
