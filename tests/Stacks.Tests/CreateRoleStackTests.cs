using System.Text.Json;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Stacks.CreateRole;
using Pulumi;
using Pulumi.Aws.Iam;
using Pulumi.Utilities;

namespace AssumeRolePipeline.Stacks.Tests;

public sealed class CreateRoleStackTests
{
    private static readonly Dictionary<string, string> Config = new()
    {
        ["create-role:unprivilegedUsername"] = "assume-role-pipeline-dev",
        ["aws:region"] = "us-east-1",
    };

    private readonly RecordingMocks _mocks = new();

    [Fact]
    public async Task Creates_one_user_key_role_and_inline_policy()
    {
        var (_, resources) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        Assert.Single(resources.OfType<User>());
        Assert.Single(resources.OfType<AccessKey>());
        Assert.Single(resources.OfType<Role>());
        Assert.Single(resources.OfType<RolePolicy>());
    }

    [Fact]
    public async Task User_has_the_configured_name_no_policies_and_the_ownership_tags()
    {
        await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        var user = _mocks.Single("aws:iam/user:User");
        Assert.Equal("assume-role-pipeline-dev", user.Inputs["name"]);
        Assert.DoesNotContain(_mocks.Registrations, r => r.Type is "aws:iam/userPolicy:UserPolicy" or "aws:iam/userPolicyAttachment:UserPolicyAttachment");
        var tags = (IDictionary<string, object>)user.Inputs["tags"];
        Assert.Equal("create-role", tags["Project"]);
        Assert.Equal("dev", tags["Stack"]);
    }

    [Fact]
    public async Task The_configured_permissions_boundary_bounds_the_user_and_the_role_and_none_is_set_without_it()
    {
        const string boundary = "arn:aws:iam::123456789012:policy/assume-role-pipeline-review-boundary";
        await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role",
            new Dictionary<string, string>(Config) { ["create-role:permissionsBoundary"] = boundary });
        var unbounded = new RecordingMocks();
        await MockDeployment.RunAsync<CreateRoleStack>(unbounded, "create-role", Config);

        Assert.Equal(boundary, _mocks.Single("aws:iam/user:User").Inputs["permissionsBoundary"]);
        Assert.Equal(boundary, _mocks.Single("aws:iam/role:Role").Inputs["permissionsBoundary"]);
        Assert.False(unbounded.Single("aws:iam/user:User").Inputs.ContainsKey("permissionsBoundary"));
        Assert.False(unbounded.Single("aws:iam/role:Role").Inputs.ContainsKey("permissionsBoundary"));
    }

    [Fact]
    public async Task Trust_policy_names_the_created_user_and_nobody_else()
    {
        var (_, resources) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);
        var userArn = await OutputUtilities.GetValueAsync(resources.OfType<User>().Single().Arn);

        using var policy = JsonDocument.Parse((string)_mocks.Single("aws:iam/role:Role").Inputs["assumeRolePolicy"]);

        var statement = Assert.Single(policy.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        Assert.Equal(userArn, statement.GetProperty("Principal").GetProperty("AWS").GetString());
    }

    [Fact]
    public async Task Access_key_belongs_to_the_user_and_its_secret_output_is_secret()
    {
        var (stack, _) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        Assert.Equal("assume-role-pipeline-dev", _mocks.Single("aws:iam/accessKey:AccessKey").Inputs["user"]);
        Assert.True(await Output.IsSecretAsync(stack.SecretAccessKey));
        Assert.Equal(RecordingMocks.SecretKey, await OutputUtilities.GetValueAsync(stack.SecretAccessKey));
    }

    [Fact]
    public async Task Inline_policy_allowing_s3_is_attached_to_the_role()
    {
        var (_, resources) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);
        var roleName = await OutputUtilities.GetValueAsync(resources.OfType<Role>().Single().Name);

        var rolePolicy = _mocks.Single("aws:iam/rolePolicy:RolePolicy");
        Assert.Equal(roleName, rolePolicy.Inputs["role"]);
        using var policy = JsonDocument.Parse((string)rolePolicy.Inputs["policy"]);
        Assert.Equal("s3:*", policy.RootElement.GetProperty("Statement")[0].GetProperty("Action").GetString());
    }

    [Fact]
    public async Task Outputs_are_the_role_ARN_and_key_id_in_the_clear()
    {
        var (stack, resources) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        Assert.Equal(await OutputUtilities.GetValueAsync(resources.OfType<Role>().Single().Arn), await OutputUtilities.GetValueAsync(stack.RoleArn));
        Assert.Equal(RecordingMocks.AccessKeyId, await OutputUtilities.GetValueAsync(stack.AccessKeyId));
        Assert.False(await Output.IsSecretAsync(stack.RoleArn));
        Assert.False(await Output.IsSecretAsync(stack.AccessKeyId));
    }

    [Fact]
    public async Task The_keys_creation_date_is_exported_in_the_clear()
    {
        var (stack, _) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        Assert.Equal(RecordingMocks.KeyCreated, await OutputUtilities.GetValueAsync(stack.AccessKeyCreated));
        Assert.False(await Output.IsSecretAsync(stack.AccessKeyCreated));
        Assert.Contains(CreateRoleContract.Outputs, o => o is { Name: CreateRoleContract.AccessKeyCreatedOutput, IsSecret: false });
    }

    [Fact]
    public async Task The_keys_URN_is_the_one_key_rotation_replaces()
    {
        var (_, resources) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);
        var urn = await OutputUtilities.GetValueAsync(resources.OfType<AccessKey>().Single().Urn);

        // The mock monitor puts the stack's type in front of its children's; the engine leaves the root stack out.
        Assert.Equal(CreateRoleContract.AccessKeyUrn("dev"), urn.Replace("::pulumi:pulumi:Stack$", "::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_user_name_fails_with_Pulumis_message()
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() =>
            MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", new Dictionary<string, string> { ["aws:region"] = "us-east-1" }));

        Assert.Contains("Missing Required configuration variable 'create-role:unprivilegedUsername'", MockDeployment.Messages(thrown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_user_name_fails_with_the_rule_before_any_resource()
    {
        var config = new Dictionary<string, string>(Config) { ["create-role:unprivilegedUsername"] = "bad name" };

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", config));

        Assert.Contains("config value create-role:unprivilegedUsername 'bad name' is invalid", MockDeployment.Messages(thrown), StringComparison.Ordinal);
        Assert.DoesNotContain(_mocks.Registrations, r => r.Type == "aws:iam/user:User");
    }
}
