using AssumeRolePipeline.Pipeline.Safety.IamChanges;
using static AssumeRolePipeline.Pipeline.Tests.IamChanges.IamFixtures;

namespace AssumeRolePipeline.Pipeline.Tests.IamChanges;

public sealed class RelationChangeTests
{
    private const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";

    [Fact]
    public void A_new_user_policy_attachment_broadens()
    {
        var change = Single(Step("Create", "aws:iam/userPolicyAttachment:UserPolicyAttachment", "admin",
            null, Inputs(("user", "unprivileged-dev"), ("policyArn", Admin))));

        Assert.Equal(IamPolicyKind.Attachment, change.Kind);
        Assert.True(change.Broadens);
        Assert.Equal([$"attaches {Admin} to user unprivileged-dev"], change.Reasons.ToArray());
        Assert.Equal([$"Added - user unprivileged-dev → {Admin} on —"], change.Rows.Select(Describe));
    }

    [Fact]
    public void A_deleted_role_attachment_narrows()
    {
        var change = Single(Step("Delete", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ro",
            Inputs(("role", RoleName), ("policyArn", ReadOnly)), null));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Equal([$"Removed - role {RoleName} → {ReadOnly} on —"], change.Rows.Select(Describe));
    }

    [Fact]
    public void An_attachment_to_a_role_not_created_yet_may_broaden()
    {
        var change = Single(Step("Create", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "ro",
            null, Inputs(("group", Unknown), ("policyArn", ReadOnly))));

        Assert.Equal(IamBroadening.Possibly, change.Broadening);
        Assert.Equal(IamValue.UnknownText, Texts(change.Rows.Single().Who));
    }

    [Fact]
    public void A_secret_policy_arn_is_shown_as_secret_and_may_broaden()
    {
        var secret = new Dictionary<string, object?> { ["4dabf18193072939515e22adb298388d"] = "1b47061264138c4ac30d75fd1eb44270", ["value"] = Admin };

        var change = Single(Step("Create", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", null, Inputs(("role", RoleName), ("policyArn", secret))));

        Assert.Equal(IamBroadening.Possibly, change.Broadening);
        Assert.Equal(IamValue.SecretText, Texts(change.Rows.Single().What));
    }

    [Fact]
    public void A_shared_policy_attachment_pairs_the_policy_with_every_identity()
    {
        var old = Inputs(("policyArn", ReadOnly), ("users", new List<object?> { "alice" }));
        var @new = Inputs(("policyArn", ReadOnly), ("users", new List<object?> { "alice" }), ("roles", new List<object?> { "ci", "deploy" }), ("groups", "ops"));

        var change = Single(Update("aws:iam/policyAttachment:PolicyAttachment", "ro", old, @new));

        Assert.Equal([$"Added - group ops, role ci, role deploy → {ReadOnly} on —"], change.Rows.Select(Describe));
        Assert.True(change.Broadens);
        Assert.Equal(IamBroadening.Possibly, Single(Update("aws:iam/policyAttachment:PolicyAttachment", "ro", old,
            Inputs(("policyArn", ReadOnly), ("roles", Unknown)))).Broadening);
    }

    [Fact]
    public void A_new_group_membership_broadens()
    {
        var change = Single(Update("aws:iam/userGroupMembership:UserGroupMembership", "m",
            Inputs(("user", "alice"), ("groups", new List<object?> { "readers" })),
            Inputs(("user", "alice"), ("groups", new List<object?> { "readers", "admins" }))));

        Assert.Equal(IamPolicyKind.Membership, change.Kind);
        Assert.Equal(["adds user alice to group admins"], change.Reasons.ToArray());
    }

    [Fact]
    public void A_group_losing_a_member_narrows()
    {
        var change = Single(Update("aws:iam/groupMembership:GroupMembership", "m",
            Inputs(("group", "admins"), ("users", new List<object?> { "alice", "bob" })),
            Inputs(("group", "admins"), ("users", new List<object?> { "alice" }))));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Equal(["Removed - user bob → group admins on —"], change.Rows.Select(Describe));
    }

    [Theory]
    [InlineData("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "roleName", "policyNames", "role")]
    [InlineData("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "roleName", "policyArns", "role")]
    [InlineData("aws:iam/userPoliciesExclusive:UserPoliciesExclusive", "userName", "policyNames", "user")]
    [InlineData("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "userName", "policyArns", "user")]
    [InlineData("aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive", "groupName", "policyNames", "group")]
    [InlineData("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "groupName", "policyArns", "group")]
    public void An_exclusive_list_gaining_an_entry_broadens(string type, string identityField, string listField, string noun)
    {
        var change = Single(Update(type, "exclusive",
            Inputs((identityField, "x"), (listField, new List<object?> { "s3-management" })),
            Inputs((identityField, "x"), (listField, new List<object?> { "s3-management", "break-glass" }))));

        Assert.Equal(IamPolicyKind.ExclusiveList, change.Kind);
        Assert.Equal([$"lets {noun} x keep break-glass"], change.Reasons.ToArray());
    }

    [Fact]
    public void An_exclusive_list_losing_an_entry_narrows()
    {
        var change = Single(Update("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "exclusive",
            Inputs(("roleName", "x"), ("policyNames", new List<object?> { "a", "b" })),
            Inputs(("roleName", "x"), ("policyNames", new List<object?> { "a" }))));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Equal(["Removed - role x → b on —"], change.Rows.Select(Describe));
    }

    [Fact]
    public void A_role_inline_policy_is_its_own_change_named_after_the_policy()
    {
        object Inline(params (string Name, string Policy)[] policies) =>
            policies.Select(p => (object?)new Dictionary<string, object?> { ["name"] = p.Name, ["policy"] = p.Policy }).ToList();
        var trust = Trust($$"""{"AWS":"{{UserArn}}"}""");
        var read = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""");
        var write = Statements("""{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}""");

        var changes = IamChangeAnalyzer.Analyze([Update(Role, RoleName,
            Inputs(("name", RoleName), ("assumeRolePolicy", trust), ("inlinePolicies", Inline(("read", read)))),
            Inputs(("name", RoleName), ("assumeRolePolicy", trust), ("inlinePolicies", Inline(("read", read), ("write", write)))))]);

        var change = Assert.Single(changes);
        Assert.Equal("write", change.PolicyName);
        Assert.Equal("inline policy write", change.Subject);
        Assert.Equal([$"Added Allow role {RoleName} → s3:PutObject on *"], change.Rows.Select(Describe));
    }

    [Fact]
    public void Unknown_inline_policies_may_broaden()
    {
        var trust = Trust($$"""{"AWS":"{{UserArn}}"}""");

        var change = Single(Update(Role, RoleName,
            Inputs(("assumeRolePolicy", trust)),
            Inputs(("assumeRolePolicy", trust), ("inlinePolicies", Unknown))));

        Assert.Equal(IamBroadening.Possibly, change.Broadening);
        Assert.Equal("(all inline policies)", change.PolicyName);
    }

    [Fact]
    public void A_roles_managed_policy_arns_are_attachments_of_that_role()
    {
        var trust = Trust($$"""{"AWS":"{{UserArn}}"}""");

        var change = Single(Update(Role, "by-urn",
            Inputs(("assumeRolePolicy", trust)),
            Inputs(("assumeRolePolicy", trust), ("managedPolicyArns", new List<object?> { ReadOnly }))));

        Assert.Equal(IamPolicyKind.Attachment, change.Kind);
        Assert.Equal([$"attaches {ReadOnly} to role by-urn"], change.Reasons.ToArray());
    }
}
