using System.Text.Json;
using AssumeRolePipeline.Stacks.AssumeRole;
using Pulumi;
using Pulumi.Aws.S3;
using Pulumi.Utilities;

namespace AssumeRolePipeline.Stacks.Tests;

public sealed class AssumeRoleStackTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c";

    private static readonly Dictionary<string, string> Config = new()
    {
        ["assume-role:roleToAssumeARN"] = RoleArn,
        ["aws:region"] = "eu-west-1",
    };

    private readonly RecordingMocks _mocks = new();

    [Fact]
    public async Task Provider_assumes_the_configured_role_with_a_session_named_after_the_stack()
    {
        await MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", Config);

        var provider = _mocks.Single("pulumi:providers:aws");
        Assert.Equal("eu-west-1", provider.Inputs["region"]);
        // Provider blocks reach the mocks serialised as JSON.
        using var assumeRoles = JsonDocument.Parse((string)provider.Inputs["assumeRoles"]);
        var assumeRole = Assert.Single(assumeRoles.RootElement.EnumerateArray());
        Assert.Equal(RoleArn, assumeRole.GetProperty("roleArn").GetString());
        Assert.Equal("assume-role-dev", assumeRole.GetProperty("sessionName").GetString());
    }

    [Fact]
    public async Task Bucket_is_created_through_the_assuming_provider()
    {
        var (_, resources) = await MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", Config);

        Assert.Single(resources.OfType<Bucket>());
        var bucket = _mocks.Single("aws:s3/bucket:Bucket");
        Assert.Contains("pulumi:providers:aws::assume-role", bucket.Provider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_keeps_its_objects_on_destroy_unless_configured()
    {
        await MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", Config);
        Assert.False((bool)_mocks.Single("aws:s3/bucket:Bucket").Inputs["forceDestroy"]);

        var forced = new RecordingMocks();
        await MockDeployment.RunAsync<AssumeRoleStack>(forced, "assume-role", new Dictionary<string, string>(Config) { ["assume-role:bucketForceDestroy"] = "true" });
        Assert.True((bool)forced.Single("aws:s3/bucket:Bucket").Inputs["forceDestroy"]);
    }

    [Fact]
    public async Task A_review_stacks_bucket_carries_the_prefix_the_review_boundary_allows_and_others_a_generated_name()
    {
        await MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", Config, stack: "pr-12");
        var review = _mocks.Single("aws:s3/bucket:Bucket").Inputs;

        var dev = new RecordingMocks();
        await MockDeployment.RunAsync<AssumeRoleStack>(dev, "assume-role", Config);

        Assert.Equal("assume-role-pipeline-pr-12-", (string)review["bucketPrefix"]);
        Assert.False(dev.Single("aws:s3/bucket:Bucket").Inputs.ContainsKey("bucketPrefix"));
    }

    [Fact]
    public async Task External_id_and_session_duration_reach_the_provider()
    {
        var config = new Dictionary<string, string>(Config)
        {
            ["assume-role:externalId"] = "PulumiApplication",
            ["assume-role:sessionDuration"] = "30m",
        };

        await MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", config);

        using var assumeRoles = JsonDocument.Parse((string)_mocks.Single("pulumi:providers:aws").Inputs["assumeRoles"]);
        Assert.Equal("PulumiApplication", assumeRoles.RootElement[0].GetProperty("externalId").GetString());
        Assert.Equal("30m", assumeRoles.RootElement[0].GetProperty("duration").GetString());
    }

    [Fact]
    public async Task Output_is_the_bucket_name_in_the_clear()
    {
        var (stack, _) = await MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", Config);

        Assert.Equal("bucket-9f8e7d", await OutputUtilities.GetValueAsync(stack.BucketName));
        Assert.False(await Output.IsSecretAsync(stack.BucketName));
    }

    [Theory]
    [InlineData("assume-role:roleToAssumeARN")]
    [InlineData("aws:region")]
    public async Task Missing_required_config_fails_with_Pulumis_message(string key)
    {
        var config = new Dictionary<string, string>(Config);
        config.Remove(key);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", config));

        Assert.Contains($"Missing Required configuration variable '{key}'", MockDeployment.Messages(thrown), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assume-role:roleToAssumeARN", "arn:aws:iam::123456789012:user/alice", "roleToAssumeARN 'arn:aws:iam::123456789012:user/alice' is invalid")]
    [InlineData("aws:region", "Ireland", "aws:region 'Ireland' is invalid")]
    [InlineData("aws:region", "cn-north-1", "partition aws")]
    [InlineData("assume-role:sessionDuration", "2d", "session duration '2d' is invalid")]
    public async Task Invalid_config_fails_with_the_rule_before_any_resource(string key, string value, string expected)
    {
        var config = new Dictionary<string, string>(Config) { [key] = value };

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => MockDeployment.RunAsync<AssumeRoleStack>(_mocks, "assume-role", config));

        Assert.Contains(expected, MockDeployment.Messages(thrown), StringComparison.Ordinal);
        Assert.DoesNotContain(_mocks.Registrations, r => r.Type == "aws:s3/bucket:Bucket");
    }
}
