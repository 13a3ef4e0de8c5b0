using AssumeRolePipeline.Stacks.CreateRole;
using Pulumi.Aws.Iam;
using Pulumi.Utilities;

namespace AssumeRolePipeline.Stacks.Tests;

/// <summary>
/// A refresh reads only what a resource owns: aws.iam.User has no policy properties, so a policy added to
/// the user or attached to it by hand is invisible to it. create-role therefore declares "this user has no
/// policies" and "this role has exactly its one inline policy" as exclusive-management resources, whose
/// refresh lists what is really there; these tests pin those declarations.
/// </summary>
public sealed class CreateRoleExclusivePoliciesTests
{
    private static readonly Dictionary<string, string> Config = new()
    {
        ["create-role:unprivilegedUsername"] = "assume-role-pipeline-dev",
        ["aws:region"] = "us-east-1",
    };

    private readonly RecordingMocks _mocks = new();

    private static IEnumerable<object> List(object value) => Assert.IsAssignableFrom<IEnumerable<object>>(value);

    [Fact]
    public async Task The_user_is_declared_to_have_no_inline_policy()
    {
        await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        var exclusive = _mocks.Single("aws:iam/userPoliciesExclusive:UserPoliciesExclusive");
        Assert.Equal("assume-role-pipeline-dev", exclusive.Inputs["userName"]);
        Assert.Empty(List(exclusive.Inputs["policyNames"])); // an empty list: any inline policy is drift
    }

    [Fact]
    public async Task The_user_is_declared_to_have_no_managed_policy_attached()
    {
        await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        var exclusive = _mocks.Single("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive");
        Assert.Equal("assume-role-pipeline-dev", exclusive.Inputs["userName"]);
        Assert.Empty(List(exclusive.Inputs["policyArns"]));
    }

    [Fact]
    public async Task The_role_is_declared_to_have_exactly_its_one_inline_policy_and_no_managed_one()
    {
        var (_, resources) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);
        var roleName = await OutputUtilities.GetValueAsync(resources.OfType<Role>().Single().Name);
        var policyName = await OutputUtilities.GetValueAsync(resources.OfType<RolePolicy>().Single().Name);

        var inline = _mocks.Single("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive");
        Assert.Equal(roleName, inline.Inputs["roleName"]);
        Assert.Equal(new object[] { policyName! }, List(inline.Inputs["policyNames"]));
        var managed = _mocks.Single("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive");
        Assert.Equal(roleName, managed.Inputs["roleName"]);
        Assert.Empty(List(managed.Inputs["policyArns"]));
    }

    [Fact]
    public async Task Each_declaration_is_made_once()
    {
        var (_, resources) = await MockDeployment.RunAsync<CreateRoleStack>(_mocks, "create-role", Config);

        Assert.Single(resources.OfType<UserPoliciesExclusive>());
        Assert.Single(resources.OfType<UserPolicyAttachmentsExclusive>());
        Assert.Single(resources.OfType<RolePoliciesExclusive>());
        Assert.Single(resources.OfType<RolePolicyAttachmentsExclusive>());
    }
}
