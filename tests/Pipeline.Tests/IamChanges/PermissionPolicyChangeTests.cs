using AssumeRolePipeline.Pipeline.Safety.IamChanges;
using static AssumeRolePipeline.Pipeline.Tests.IamChanges.IamFixtures;

namespace AssumeRolePipeline.Pipeline.Tests.IamChanges;

public sealed class PermissionPolicyChangeTests
{
    private static string Allow(string actions, string resources = "\"*\"", string extra = "") =>
        $$"""{"Effect":"Allow","Action":{{actions}},"Resource":{{resources}}{{extra}}}""";

    private static IamStep PolicyUpdate(string old, string @new, PolicyShape shape = PolicyShape.JsonString) =>
        Update(RolePolicy, "s3-management", RolePolicyInputs(Policy(old, shape)), RolePolicyInputs(Policy(@new, shape)));

    [Theory]
    [InlineData(PolicyShape.JsonString)]
    [InlineData(PolicyShape.Parsed)]
    [InlineData(PolicyShape.Element)]
    public void Adding_iam_star_broadens(PolicyShape shape)
    {
        var change = Single(PolicyUpdate(Statements(Allow("\"s3:*\"")), Statements(Allow("\"s3:*\""), Allow("\"iam:*\"")), shape));

        Assert.Equal(IamPolicyKind.Permissions, change.Kind);
        Assert.Equal(IamBroadening.Yes, change.Broadening);
        Assert.Equal(["adds action iam:*"], change.Reasons.ToArray());
        Assert.Equal([$"Added Allow role {RoleName} → iam:* on *"], change.Rows.Select(Describe));
    }

    [Fact]
    public void Narrowing_s3_star_to_GetObject_narrows()
    {
        var change = Single(PolicyUpdate(Statements(Allow("\"s3:*\"")), Statements(Allow("\"s3:GetObject\""))));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Empty(change.Reasons);
        Assert.Equal(
            [$"Added Allow role {RoleName} → s3:GetObject on *", $"Removed Allow role {RoleName} → s3:* on *"],
            change.Rows.Select(Describe));
    }

    [Fact]
    public void Get_star_to_GetObject_narrows_and_back_broadens()
    {
        var getStar = Statements(Allow("\"s3:Get*\""));
        var getObject = Statements(Allow("[\"s3:GetObject\"]"));

        Assert.Equal(IamBroadening.No, Single(PolicyUpdate(getStar, getObject)).Broadening);
        var back = Single(PolicyUpdate(getObject, getStar));
        Assert.True(back.Broadens);
        Assert.Equal(["adds action s3:Get*"], back.Reasons.ToArray());
    }

    [Fact]
    public void Reordered_statements_string_versus_array_sid_and_case_are_no_change()
    {
        var old = Statements(
            Allow("\"s3:GetObject\"", "\"arn:aws:s3:::b/*\"", ""","Sid":"Read","Condition":{"StringEquals":{"aws:SourceAccount":["1","2"]},"Bool":{"aws:SecureTransport":"true"}}"""),
            """{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}""");
        var @new = Statements(
            """{"Sid":"NoDelete","Effect":"Deny","Action":["S3:deleteBucket"],"Resource":["*"]}""",
            Allow("[\"s3:getobject\"]", "[\"arn:aws:s3:::b/*\"]", ""","Condition":{"Bool":{"aws:securetransport":["true"]},"StringEquals":{"aws:SourceAccount":["2","1"]}}"""));

        Assert.Empty(IamChangeAnalyzer.Analyze([PolicyUpdate(old, @new)]));
    }

    [Fact]
    public void A_new_resource_broadens_and_a_narrower_one_does_not()
    {
        var bucket = Statements(Allow("\"s3:GetObject\"", "\"arn:aws:s3:::b/*\""));

        var other = Single(PolicyUpdate(bucket, Statements(Allow("\"s3:GetObject\"", "[\"arn:aws:s3:::b/*\",\"arn:aws:s3:::c/*\"]"))));
        Assert.Equal(["adds resource arn:aws:s3:::c/*"], other.Reasons.ToArray());
        Assert.Equal([$"Added Allow role {RoleName} → s3:GetObject on arn:aws:s3:::c/*"], other.Rows.Select(Describe));

        Assert.Equal(IamBroadening.No, Single(PolicyUpdate(bucket, Statements(Allow("\"s3:GetObject\"", "\"arn:aws:s3:::b/reports/*\"")))).Broadening);
    }

    [Fact]
    public void Resource_wildcards_are_case_sensitive_and_question_marks_match_one_character()
    {
        var change = Single(PolicyUpdate(
            Statements(Allow("\"s3:GetObject\"", "\"arn:aws:s3:::log-?/*\"")),
            Statements(Allow("\"s3:GetObject\"", "[\"arn:aws:s3:::log-a/*\",\"arn:aws:s3:::LOG-b/*\",\"arn:aws:s3:::log-*\"]"))));

        Assert.Equal(
            ["adds resource arn:aws:s3:::LOG-b/*", "adds resource arn:aws:s3:::log-*"],
            change.Reasons.Order(StringComparer.Ordinal));
        Assert.Contains(change.Rows, row => row.Broadening == IamBroadening.No && Texts(row.On) == "arn:aws:s3:::log-a/*");
    }

    [Fact]
    public void Removing_a_condition_broadens()
    {
        const string condition = ""","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""";
        var change = Single(PolicyUpdate(Statements(Allow("\"s3:*\"", extra: condition)), Statements(Allow("\"s3:*\""))));

        Assert.True(change.Broadens);
        Assert.Equal(["drops or loosens a condition on s3:*"], change.Reasons.ToArray());
    }

    [Fact]
    public void Loosening_a_condition_broadens()
    {
        var one = Statements(Allow("\"s3:*\"", extra: ""","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"""));
        var two = Statements(Allow("\"s3:*\"", extra: ""","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","0.0.0.0/0"]}}"""));

        Assert.True(Single(PolicyUpdate(one, two)).Broadens);
    }

    [Fact]
    public void Removing_a_deny_broadens_and_adding_one_narrows()
    {
        const string deny = """{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}""";
        var without = Statements(Allow("\"s3:*\""));
        var with = Statements(Allow("\"s3:*\""), deny);

        var removed = Single(PolicyUpdate(with, without));
        Assert.True(removed.Broadens);
        Assert.Equal(["removes the Deny of s3:DeleteBucket"], removed.Reasons.ToArray());
        Assert.Equal([$"Removed Deny role {RoleName} → s3:DeleteBucket on *"], removed.Rows.Select(Describe));

        var added = Single(PolicyUpdate(without, with));
        Assert.Equal(IamBroadening.No, added.Broadening);
    }

    [Fact]
    public void A_condition_on_a_deny_narrows_the_deny_and_so_broadens()
    {
        var plain = Statements("""{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}""");
        var conditional = Statements("""{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":false}}}""");

        var change = Single(PolicyUpdate(plain, conditional));

        Assert.True(change.Broadens);
        Assert.Equal(["adds a condition to the Deny of s3:DeleteBucket"], change.Reasons.ToArray());
    }

    [Fact]
    public void A_wider_deny_replacing_a_narrow_one_narrows()
    {
        var narrow = Statements("""{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::b"}""");
        var wide = Statements("""{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}""");

        Assert.Equal(IamBroadening.No, Single(PolicyUpdate(narrow, wide)).Broadening);
    }

    [Fact]
    public void NotAction_in_an_allow_broadens_and_NotResource_is_shown_as_everything_but()
    {
        var change = Single(PolicyUpdate(
            Statements(Allow("\"s3:GetObject\"")),
            Statements("""{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"NotResource":"arn:aws:s3:::secret/*"}""")));

        Assert.True(change.Broadens);
        Assert.Equal(
            ["allows any action except iam:*, organizations:*, allows any resource except arn:aws:s3:::secret/*"],
            change.Reasons.ToArray());
    }

    [Fact]
    public void Moving_a_policy_to_another_role_broadens_for_that_role()
    {
        var policy = Statements(Allow("\"s3:*\""));
        var change = Single(Update(RolePolicy, "s3-management", RolePolicyInputs(policy), Inputs(("role", "other-role"), ("policy", policy))));

        Assert.True(change.Broadens);
        Assert.Equal(["grants s3:* on * to role other-role"], change.Reasons.ToArray());
    }

    [Fact]
    public void User_group_and_managed_policies_name_their_holder()
    {
        var old = Statements(Allow("\"s3:GetObject\""));
        var @new = Statements(Allow("\"s3:*\""));

        var user = Single(Update("aws:iam/userPolicy:UserPolicy", "p", Inputs(("user", "alice"), ("policy", old)), Inputs(("user", "alice"), ("policy", @new))));
        var group = Single(Update("aws:iam/groupPolicy:GroupPolicy", "p", Inputs(("group", "ops"), ("policy", old)), Inputs(("group", "ops"), ("policy", @new))));
        var managed = Single(Update("aws:iam/policy:Policy", "p", Inputs(("policy", old)), Inputs(("policy", @new))));

        Assert.Equal("user alice", Texts(user.Rows[0].Who));
        Assert.Equal("group ops", Texts(group.Rows[0].Who));
        Assert.Equal("whoever it is attached to", Texts(managed.Rows[0].Who));
        Assert.All([user, group, managed], c => Assert.Equal(["adds action s3:*"], c.Reasons.ToArray()));
    }

    [Fact]
    public void A_bucket_policy_granting_anyone_broadens()
    {
        var old = Statements("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""");
        var @new = Statements("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""");

        var change = Single(Update("aws:s3/bucketPolicy:BucketPolicy", "site", Inputs(("bucket", "b"), ("policy", old)), Inputs(("bucket", "b"), ("policy", @new))));

        Assert.Equal(IamPolicyKind.BucketPolicy, change.Kind);
        Assert.Equal("bucket policy", change.TypeNoun);
        Assert.Equal(["adds principal *"], change.Reasons.ToArray());
    }

    [Fact]
    public void Rows_group_actions_sharing_resources_and_principals_sharing_both()
    {
        var @new = Statements(
            """{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/a","arn:aws:iam::123456789012:role/b"]},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}""");

        var change = Single(Step("Create", "aws:s3/bucketPolicy:BucketPolicy", "site", null, Inputs(("policy", @new))));

        var row = Assert.Single(change.Rows);
        Assert.Equal("arn:aws:iam::123456789012:role/a, arn:aws:iam::123456789012:role/b", Texts(row.Who));
        Assert.Equal("s3:GetObject, s3:ListBucket", Texts(row.What));
        Assert.Equal("arn:aws:s3:::b, arn:aws:s3:::b/*", Texts(row.On));
    }
}
