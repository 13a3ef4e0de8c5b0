using AssumeRolePipeline.Pipeline.Safety.IamChanges;
using static AssumeRolePipeline.Pipeline.Tests.IamChanges.IamFixtures;

namespace AssumeRolePipeline.Pipeline.Tests.IamChanges;

public sealed class TrustPolicyChangeTests
{
    private static IamStep TrustUpdate(string oldPrincipal, string newPrincipal, PolicyShape shape = PolicyShape.JsonString) =>
        Update(Role, RoleName, RoleInputs(Policy(Trust(oldPrincipal), shape)), RoleInputs(Policy(Trust(newPrincipal), shape)));

    [Theory]
    [InlineData(PolicyShape.JsonString)]
    [InlineData(PolicyShape.Parsed)]
    [InlineData(PolicyShape.Element)]
    public void Trust_widened_to_anyone_broadens_in_every_input_shape(PolicyShape shape)
    {
        var change = Single(TrustUpdate($$"""{"AWS":"{{UserArn}}"}""", "\"*\"", shape));

        Assert.Equal(IamPolicyKind.Trust, change.Kind);
        Assert.Equal(RoleName, change.Name);
        Assert.Equal(IamBroadening.Yes, change.Broadening);
        Assert.Equal(["adds principal *"], change.Reasons.ToArray());
        Assert.Equal(
            ["Added Allow * → sts:AssumeRole on —", $"Removed Allow {UserArn} → sts:AssumeRole on —"],
            change.Rows.Select(Describe));
        Assert.Equal(IamBroadening.Yes, change.Rows[0].Broadening);
        Assert.Equal(IamBroadening.No, change.Rows[1].Broadening);
    }

    [Fact]
    public void AWS_star_broadens_like_star()
    {
        var change = Single(TrustUpdate($$"""{"AWS":["{{UserArn}}"]}""", """{"AWS":"*"}"""));

        Assert.True(change.Broadens);
        Assert.Equal(["adds principal *"], change.Reasons.ToArray());
    }

    [Fact]
    public void Star_and_AWS_star_are_the_same_principal()
    {
        Assert.Empty(IamChangeAnalyzer.Analyze([TrustUpdate("\"*\"", """{"AWS":["*"]}""")]));
    }

    [Fact]
    public void A_second_principal_broadens_and_removes_nothing()
    {
        var change = Single(TrustUpdate(
            $$"""{"AWS":"{{UserArn}}"}""",
            $$"""{"AWS":["{{UserArn}}","arn:aws:iam::123456789012:role/ci"]}"""));

        Assert.True(change.Broadens);
        Assert.Equal(["Added Allow arn:aws:iam::123456789012:role/ci → sts:AssumeRole on —"], change.Rows.Select(Describe));
        Assert.Equal(["adds principal arn:aws:iam::123456789012:role/ci"], change.Reasons.ToArray());
    }

    [Fact]
    public void A_bare_account_id_is_its_root_and_trusting_it_broadens()
    {
        var change = Single(TrustUpdate($$"""{"AWS":"{{UserArn}}"}""", """{"AWS":"123456789012"}"""));

        Assert.True(change.Broadens);
        Assert.Equal(["adds principal arn:aws:iam::123456789012:root"], change.Reasons.ToArray());
    }

    [Fact]
    public void Account_id_and_root_arn_are_the_same_principal()
    {
        Assert.Empty(IamChangeAnalyzer.Analyze([TrustUpdate("""{"AWS":"123456789012"}""", """{"AWS":"arn:aws:iam::123456789012:root"}""")]));
    }

    [Fact]
    public void From_the_account_root_to_one_of_its_users_narrows()
    {
        var change = Single(TrustUpdate("""{"AWS":"123456789012"}""", $$"""{"AWS":"{{UserArn}}"}"""));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Empty(change.Reasons);
        Assert.Equal(2, change.Rows.Length);
    }

    [Fact]
    public void From_anyone_to_one_user_narrows()
    {
        var change = Single(TrustUpdate("\"*\"", $$"""{"AWS":"{{UserArn}}"}"""));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Equal([$"Added Allow {UserArn} → sts:AssumeRole on —", "Removed Allow * → sts:AssumeRole on —"], change.Rows.Select(Describe));
    }

    [Fact]
    public void A_user_of_another_account_is_not_covered_by_this_accounts_root()
    {
        var change = Single(TrustUpdate("""{"AWS":"123456789012"}""", """{"AWS":"arn:aws:iam::210987654321:user/someone"}"""));

        Assert.True(change.Broadens);
    }

    [Fact]
    public void Service_principals_compare_case_insensitively_and_show_their_type()
    {
        Assert.Empty(IamChangeAnalyzer.Analyze([TrustUpdate("""{"Service":"EC2.amazonaws.com"}""", """{"Service":["ec2.amazonaws.com"]}""")]));

        var change = Single(TrustUpdate("""{"Service":"ec2.amazonaws.com"}""", """{"Service":"lambda.amazonaws.com"}"""));
        Assert.Equal(["adds principal Service: lambda.amazonaws.com"], change.Reasons.ToArray());
    }

    [Fact]
    public void Dropping_the_external_id_condition_broadens()
    {
        const string condition = ""","Condition":{"StringEquals":{"sts:ExternalId":"s3cret-id"}}""";
        var old = Trust($$"""{"AWS":"{{UserArn}}"}""", condition);
        var @new = Trust($$"""{"AWS":"{{UserArn}}"}""");

        var change = Single(Update(Role, RoleName, RoleInputs(old), RoleInputs(@new)));

        Assert.True(change.Broadens);
        Assert.Equal(["drops or loosens a condition on sts:AssumeRole"], change.Reasons.ToArray());
        Assert.Equal(
            [$"Added Allow {UserArn} → sts:AssumeRole on —", $"Removed Allow {UserArn} → sts:AssumeRole on — if StringEquals sts:ExternalId s3cret-id"],
            change.Rows.Select(Describe));
    }

    [Fact]
    public void Adding_a_condition_narrows()
    {
        const string condition = ""","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}""";
        var change = Single(Update(Role, RoleName,
            RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}""")),
            RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}""", condition))));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Contains(change.Rows, row => Describe(row).EndsWith("if Bool aws:MultiFactorAuthPresent true", StringComparison.Ordinal));
    }

    [Fact]
    public void NotPrincipal_in_an_allow_broadens()
    {
        var old = Trust($$"""{"AWS":"{{UserArn}}"}""");
        var @new = """{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/mallory"},"Action":"sts:AssumeRole"}}""";

        var change = Single(Update(Role, RoleName, RoleInputs(old), RoleInputs(@new)));

        Assert.True(change.Broadens);
        Assert.Equal(["allows any principal except arn:aws:iam::123456789012:user/mallory"], change.Reasons.ToArray());
    }

    [Fact]
    public void Excluding_more_principals_narrows()
    {
        const string one = """{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/a"},"Action":"sts:AssumeRole"}}""";
        const string two = """{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:user/a","arn:aws:iam::123456789012:user/b"]},"Action":"sts:AssumeRole"}}""";

        Assert.Equal(IamBroadening.No, Single(Update(Role, RoleName, RoleInputs(one), RoleInputs(two))).Broadening);
        Assert.True(Single(Update(Role, RoleName, RoleInputs(two), RoleInputs(one))).Broadens);
    }

    [Fact]
    public void Only_policy_fields_are_read_so_other_inputs_change_nothing()
    {
        var trust = Trust($$"""{"AWS":"{{UserArn}}"}""");
        var old = RoleInputs(trust);
        var @new = Inputs(("name", RoleName), ("assumeRolePolicy", trust), ("maxSessionDuration", 7200L), ("tags", new Dictionary<string, object?> { ["team"] = "x" }));

        Assert.Empty(IamChangeAnalyzer.Analyze([Update(Role, RoleName, old, @new)]));
    }
}
