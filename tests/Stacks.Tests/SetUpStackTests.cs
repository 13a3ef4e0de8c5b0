using System.Collections.Immutable;
using System.Text.Json;
using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Stacks.SetUp;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace AssumeRolePipeline.Stacks.Tests;

/// <summary>The set-up program under mocks, with the config the build hands it (AwsSetUp renders it from deploy/iam).</summary>
public sealed class SetUpStackTests
{
    private const string Account = RecordingMocks.Account;
    private const string Repository = "octo-org/widgets";
    private const string ProviderArn = $"arn:aws:iam::{Account}:oidc-provider/token.actions.githubusercontent.com";

    private static readonly Dictionary<string, SetUpRoleConfig> Roles = new()
    {
        ["aws-privileged"] = SetUpDocuments.Role(SetUpRoleKind.Deploy, Account, "aws", Repository, "aws-privileged", "dev"),
        ["aws-preview"] = SetUpDocuments.Role(SetUpRoleKind.Preview, Account, "aws", Repository, "aws-preview", "dev"),
        ["aws-review-privileged"] = SetUpDocuments.Role(SetUpRoleKind.Review, Account, "aws", Repository, "aws-review-privileged", null),
    };

    private static Dictionary<string, string> Config(string providerImport = "", string deployBoundaryImport = "") => new()
    {
        ["aws:region"] = "us-east-1",
        [SetUpContract.FullKey(SetUpContract.RolesKey)] = JsonSerializer.Serialize(Roles),
        [SetUpContract.FullKey(SetUpContract.DeployBoundaryPolicyKey)] = SetUpDocuments.DeployBoundary(Account, "aws", Repository),
        [SetUpContract.FullKey(SetUpContract.ReviewBoundaryPolicyKey)] = SetUpDocuments.ReviewBoundary(Account, "aws", Repository),
        [SetUpContract.FullKey(SetUpContract.OidcProviderImportKey)] = providerImport,
        [SetUpContract.FullKey(SetUpContract.DeployBoundaryImportKey)] = deployBoundaryImport,
        [SetUpContract.FullKey(SetUpContract.ReviewBoundaryImportKey)] = "",
    };

    private readonly SetUpMocks _mocks = new();

    private async Task<(SetUpStack Stack, ImmutableArray<Resource> Resources)> RunAsync(Dictionary<string, string> config, SetUpMocks? mocks = null)
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
        var resources = await Deployment.TestAsync<SetUpStack>(mocks ?? _mocks,
            new TestOptions { ProjectName = SetUpContract.ProjectName, StackName = "octo-org.widgets", IsPreview = false });
        return (resources.OfType<SetUpStack>().Single(), resources);
    }

    [Fact]
    public async Task Githubs_provider_is_declared_with_its_url_and_stss_audience_and_created_when_nothing_is_to_adopt()
    {
        await RunAsync(Config());

        var provider = _mocks.Single("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        Assert.Equal("https://token.actions.githubusercontent.com", provider.Inputs["url"]);
        Assert.Equal(new object[] { "sts.amazonaws.com" }, (IEnumerable<object>)provider.Inputs["clientIdLists"]);
        Assert.True(string.IsNullOrEmpty(provider.Id)); // no import: a create
    }

    [Fact]
    public async Task An_existing_provider_and_boundary_are_adopted_by_the_configured_import_id()
    {
        const string boundaryArn = $"arn:aws:iam::{Account}:policy/assume-role-pipeline-boundary";

        await RunAsync(Config(providerImport: ProviderArn, deployBoundaryImport: boundaryArn));

        Assert.Equal(ProviderArn, _mocks.Single("aws:iam/openIdConnectProvider:OpenIdConnectProvider").Id);
        var boundaries = _mocks.Recorded.Registrations.Where(r => r.Type == "aws:iam/policy:Policy").ToDictionary(r => (string)r.Inputs["name"]);
        Assert.Equal(boundaryArn, boundaries["assume-role-pipeline-boundary"].Id);
        Assert.True(string.IsNullOrEmpty(boundaries["assume-role-pipeline-review-boundary"].Id));
    }

    [Fact]
    public void An_adopted_resource_is_never_deleted_by_the_set_up_and_differs_only_where_it_may()
    {
        var provider = AdoptionOptions.For(ProviderArn, SetUpContract.OidcProviderIgnoredChanges);
        var boundary = AdoptionOptions.For("", SetUpContract.BoundaryIgnoredChanges);

        Assert.True(provider.RetainOnDelete);
        Assert.Equal(ProviderArn, provider.ImportId);
        Assert.Equal(["url", "clientIdLists", "thumbprintLists", "tags"], provider.IgnoreChanges);
        Assert.True(boundary.RetainOnDelete);
        Assert.Equal(["tags", "description"], boundary.IgnoreChanges);
    }

    [Fact]
    public async Task The_two_boundaries_carry_deploy_iams_names_and_documents()
    {
        await RunAsync(Config());

        var boundaries = _mocks.Recorded.Registrations.Where(r => r.Type == "aws:iam/policy:Policy").ToDictionary(r => (string)r.Inputs["name"]);
        Assert.Equal(SetUpDocuments.DeployBoundary(Account, "aws", Repository), boundaries["assume-role-pipeline-boundary"].Inputs["policy"]);
        Assert.Equal(SetUpDocuments.ReviewBoundary(Account, "aws", Repository), boundaries["assume-role-pipeline-review-boundary"].Inputs["policy"]);
    }

    [Fact]
    public async Task Each_configured_environment_gets_one_role_with_its_trust_and_its_one_inline_policy()
    {
        await RunAsync(Config());

        var roles = _mocks.Recorded.Registrations.Where(r => r.Type == "aws:iam/role:Role").ToDictionary(r => (string)r.Inputs["name"]);
        Assert.Equal(Roles.Values.Select(r => r.Name).Order(StringComparer.Ordinal), roles.Keys.Order(StringComparer.Ordinal));
        foreach (var role in Roles.Values)
        {
            Assert.Equal(role.TrustPolicy, roles[role.Name].Inputs["assumeRolePolicy"]);
            var policy = Assert.Single(_mocks.Recorded.Registrations, r => r.Type == "aws:iam/rolePolicy:RolePolicy" && (string)r.Inputs["role"] == role.Name);
            Assert.Equal(role.Policy, policy.Inputs["policy"]);
        }

        Assert.Equal(3, _mocks.Recorded.Registrations.Count(r => r.Type == "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"));
    }

    [Fact]
    public async Task The_outputs_are_the_role_arns_by_environment_and_the_boundaries_arns_in_the_clear()
    {
        var (stack, _) = await RunAsync(Config());

        var arns = await OutputUtilities.GetValueAsync(stack.RoleArns);
        Assert.Equal($"arn:aws:iam::{Account}:role/gha-octo-org-widgets-aws-preview", arns["aws-preview"]);
        Assert.Equal(3, arns.Count);
        Assert.Equal($"arn:aws:iam::{Account}:policy/assume-role-pipeline-boundary", await OutputUtilities.GetValueAsync(stack.DeployBoundaryArn));
        Assert.Equal($"arn:aws:iam::{Account}:policy/assume-role-pipeline-review-boundary", await OutputUtilities.GetValueAsync(stack.ReviewBoundaryArn));
        Assert.False(await Output.IsSecretAsync(stack.RoleArns));
    }

    [Theory]
    [InlineData("set-up:roles")]
    [InlineData("set-up:deployBoundaryPolicy")]
    public async Task Missing_required_config_fails_with_pulumis_message(string key)
    {
        var config = Config();
        config.Remove(key);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(config, new SetUpMocks()));

        Assert.Contains($"Missing Required configuration variable '{key}'", MockDeployment.Messages(thrown), StringComparison.Ordinal);
    }
}
