using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssumeRolePipeline.Pipeline.Safety.IamChanges;
using static AssumeRolePipeline.Pipeline.Tests.IamChanges.IamFixtures;

namespace AssumeRolePipeline.Pipeline.Tests.IamChanges;

public sealed class LifecycleAndUnknownTests
{
    private static readonly string S3Policy = Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""");

    [Fact]
    public void A_created_role_shows_everything_as_added_and_broadens()
    {
        var change = Single(Step("Create", Role, RoleName, null, RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}"""))));

        Assert.True(change.Broadens);
        Assert.Equal([$"Added Allow {UserArn} → sts:AssumeRole on —"], change.Rows.Select(Describe));
        Assert.Equal([$"adds principal {UserArn}, adds action sts:AssumeRole"], change.Reasons.ToArray());
    }

    [Fact]
    public void A_created_policy_that_only_denies_does_not_broaden()
    {
        var deny = Statements("""{"Effect":"Deny","Action":"*","Resource":"*"}""");

        var change = Single(Step("Create", RolePolicy, "lockdown", null, RolePolicyInputs(deny)));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.Equal([$"Added Deny role {RoleName} → * on *"], change.Rows.Select(Describe));
    }

    [Fact]
    public void A_deleted_role_policy_narrows_with_every_row_removed()
    {
        var change = Single(Step("Delete", RolePolicy, "s3-management", RolePolicyInputs(S3Policy), null));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.All(change.Rows, row => Assert.Equal(IamRowChange.Removed, row.Change));
        Assert.Equal([$"Removed Allow role {RoleName} → s3:* on *"], change.Rows.Select(Describe));
    }

    [Fact]
    public void A_replacement_reported_as_three_steps_is_one_change()
    {
        var old = RolePolicyInputs(S3Policy);
        var @new = RolePolicyInputs(Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""));

        var changes = IamChangeAnalyzer.Analyze(
        [
            Step("CreateReplacement", RolePolicy, "s3-management", old, @new),
            Step("Replace", RolePolicy, "s3-management", old, @new),
            Step("DeleteReplaced", RolePolicy, "s3-management", old, null),
        ]);

        var change = Assert.Single(changes);
        Assert.Equal(2, change.Rows.Length);
        Assert.Equal(IamBroadening.No, change.Broadening);
    }

    [Fact]
    public void Same_reads_imports_and_other_resource_types_are_left_out()
    {
        var policy = RolePolicyInputs(S3Policy);

        var changes = IamChangeAnalyzer.Analyze(
        [
            Step("Same", RolePolicy, "a", policy, policy),
            Step("Read", RolePolicy, "b", null, policy),
            Step("Import", RolePolicy, "c", null, policy),
            Step("Create", "aws:iam/accessKey:AccessKey", "key", null, Inputs(("user", "u"), ("policy", "not a policy"))),
            Step("Create", "pulumi:pulumi:Stack", "create-role-dev", null, Inputs()),
        ]);

        Assert.Empty(changes);
    }

    [Fact]
    public void An_operation_pulumi_does_not_have_is_refused_by_name()
    {
        var error = Assert.Throws<FormatException>(() =>
            IamChangeAnalyzer.Analyze([Step("Upsert", RolePolicy, "p", null, RolePolicyInputs(S3Policy))]));

        Assert.Contains("\"Upsert\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("OperationType", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "is not JSON")]
    [InlineData("[]", "must be a JSON object with a \"Statement\"")]
    [InlineData("""{"Statement":"x"}""", "neither an object nor a list")]
    [InlineData("""{"Statement":["x"]}""", "statement 1 of the policy")]
    [InlineData("""{"Statement":{"Effect":"Permit","Action":"s3:*"}}""", "Effect \"Permit\"; it must be \"Allow\" or \"Deny\"")]
    [InlineData("""{"Statement":{"Effect":"Allow","Resource":"*"}}""", "neither \"Action\" nor \"NotAction\"")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}""", "has 1 in \"Action\"")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":true,"Resource":"*"}}""", "has true as \"Action\"")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"me","Action":"s3:*"}}""", "Principal \"me\"")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":["*"],"Action":"s3:*"}}""", "Principal [\"*\"]")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"s3:*","Condition":[]}}""", "it must be an object of operators")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"s3:*","Condition":{"Bool":true}}}""", "it must be an object of condition keys")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"s3:*","Condition":{"Bool":{"k":{}}}}}""", "condition values are strings, booleans or numbers")]
    public void A_policy_that_is_not_a_policy_document_is_refused_with_the_rule(string policy, string expected)
    {
        var error = Assert.Throws<FormatException>(() =>
            IamChangeAnalyzer.Analyze([Step("Create", "aws:iam/policy:Policy", "broken", null, Inputs(("policy", policy)))]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("aws:iam/policy:Policy 'broken'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_of_a_shape_no_event_carries_is_refused()
    {
        var error = Assert.Throws<FormatException>(() =>
            IamChangeAnalyzer.Analyze([Step("Create", "aws:iam/policy:Policy", "p", null, Inputs(("policy", new Uri("https://example.com"))))]));

        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_policy_is_shown_as_unknown_and_may_broaden()
    {
        var change = Single(Update(RolePolicy, "s3-management", RolePolicyInputs(S3Policy), RolePolicyInputs(Unknown)));

        Assert.Equal(IamBroadening.Possibly, change.Broadening);
        Assert.False(change.Broadens);
        Assert.True(change.HasUnknown);
        var row = Assert.Single(change.Rows);
        Assert.Equal(IamValue.UnknownText, Texts(row.What));
        Assert.Equal(["a value is known only after the update"], change.Reasons.ToArray());
    }

    [Fact]
    public void An_unknown_value_inside_a_parsed_policy_is_never_guessed()
    {
        var policy = new Dictionary<string, object?>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new List<object?>
            {
                new Dictionary<string, object?> { ["Effect"] = "Allow", ["Action"] = "s3:GetObject", ["Resource"] = new List<object?> { Unknown } },
            },
        };

        var change = Single(Update(RolePolicy, "s3-management",
            RolePolicyInputs(Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""")),
            RolePolicyInputs(policy)));

        Assert.Equal(IamBroadening.Possibly, change.Broadening);
        var added = Assert.Single(change.Rows, row => row.Change == IamRowChange.Added);
        Assert.True(added.HasUnknown);
        Assert.Equal(IamValue.UnknownText, Texts(added.On));
        Assert.DoesNotContain(Unknown, string.Join("\n", change.Rows.Select(Describe)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_resource_under_an_old_wildcard_is_still_covered()
    {
        var policy = Statements($$"""{"Effect":"Allow","Action":"s3:GetObject","Resource":"{{Unknown}}"}""");

        var change = Single(PolicyUpdateFrom(S3Policy, policy));

        Assert.Equal(IamBroadening.No, change.Broadening);
    }

    [Fact]
    public void An_unknown_effect_makes_the_whole_policy_unknown()
    {
        var policy = Statements($$"""{"Effect":"{{Unknown}}","Action":"s3:GetObject","Resource":"*"}""");

        Assert.Equal(IamBroadening.Possibly, Single(PolicyUpdateFrom(S3Policy, policy)).Broadening);
    }

    [Fact]
    public void An_unknown_principal_or_condition_value_may_broaden()
    {
        var old = Trust($$"""{"AWS":"{{UserArn}}"}""", ""","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}""");
        var principal = Single(Update(Role, RoleName, RoleInputs(old), RoleInputs(Trust($$"""{"AWS":"{{Unknown}}"}""", ""","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}"""))));
        var condition = Single(Update(Role, RoleName, RoleInputs(old),
            RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}""", $$$""","Condition":{"StringEquals":{"sts:ExternalId":"{{{Unknown}}}"}}"""))));

        Assert.Equal(IamBroadening.Possibly, principal.Broadening);
        Assert.Equal(IamBroadening.Possibly, condition.Broadening);
        Assert.Contains(condition.Rows, row => row.HasUnknown && row.Conditions.Single().Values.Single().IsUnknown);
    }

    [Fact]
    public void A_condition_with_an_unknown_value_added_to_an_unconditional_allow_narrows()
    {
        var change = Single(Update(Role, RoleName,
            RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}""")),
            RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}""", $$$""","Condition":{"StringEquals":{"sts:ExternalId":"{{{Unknown}}}"}}"""))));

        Assert.Equal(IamBroadening.No, change.Broadening);
        Assert.True(change.HasUnknown);
    }

    [Fact]
    public void A_removed_deny_with_an_unknown_replacement_may_broaden()
    {
        var old = Statements("""{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}""");
        var @new = Statements($$"""{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"{{Unknown}}"}""");

        Assert.Equal(IamBroadening.Possibly, Single(PolicyUpdateFrom(old, @new)).Broadening);
    }

    [Fact]
    public void A_secret_policy_is_never_shown()
    {
        var secret = new Dictionary<string, object?>
        {
            ["4dabf18193072939515e22adb298388d"] = "1b47061264138c4ac30d75fd1eb44270",
            ["value"] = S3Policy,
        };

        var change = Single(Update(RolePolicy, "s3-management", RolePolicyInputs(S3Policy), RolePolicyInputs(secret)));

        Assert.Equal(IamBroadening.Possibly, change.Broadening);
        Assert.Equal(IamValue.SecretText, Texts(change.Rows.Single().Who));
        Assert.Equal(["the policy is secret, so it cannot be compared"], change.Reasons.ToArray());
    }

    [Fact]
    public void A_secret_inside_a_policy_shows_as_secret_and_may_broaden()
    {
        var policy = JsonDocument.Parse("""
            {"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
             "Condition":{"StringEquals":{"aws:PrincipalTag/key":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","value":"hunter2"}}}}}
            """).RootElement.Clone();

        var change = Single(Step("Create", RolePolicy, "s3-management", null, RolePolicyInputs(policy)));

        Assert.Equal(IamBroadening.Possibly, change.Broadening);
        Assert.DoesNotContain("hunter2", string.Join("\n", change.Rows.Select(Describe)), StringComparison.Ordinal);
        Assert.Contains(IamValue.SecretText, string.Join("\n", change.Rows.Select(Describe)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_null_or_missing_policy_is_no_policy()
    {
        var nullElement = JsonDocument.Parse("null").RootElement.Clone();

        Assert.Empty(IamChangeAnalyzer.Analyze([Update(RolePolicy, "p", RolePolicyInputs(""), RolePolicyInputs("  "))]));
        Assert.Empty(IamChangeAnalyzer.Analyze([Update(RolePolicy, "p", RolePolicyInputs(nullElement), Inputs(("role", RoleName)))]));
    }

    [Fact]
    public void A_bucket_gaining_a_policy_input_broadens()
    {
        var policy = Statements("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}""");

        var change = Single(Update("aws:s3/bucket:Bucket", "site", Inputs(("bucket", "site")), Inputs(("bucket", "site"), ("policy", policy))));

        Assert.Equal("bucket policy", change.Subject);
        Assert.Equal(["adds principal *, adds action s3:GetObject, adds resource arn:aws:s3:::site/*"], change.Reasons.ToArray());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(10L)]
    [InlineData(10.0)]
    [InlineData(10f)]
    [InlineData((short)10)]
    public void A_numeric_condition_value_compares_by_its_JSON_form_whatever_its_CLR_type(object number)
    {
        Dictionary<string, object?> Policy(object value) => new()
        {
            ["Statement"] = new Dictionary<string, object?>
            {
                ["Effect"] = "Allow", ["Action"] = "s3:ListBucket", ["Resource"] = "*",
                ["Condition"] = new Dictionary<string, object?> { ["NumericLessThanEquals"] = new Dictionary<string, object?> { ["s3:max-keys"] = value } },
            },
        };

        Assert.Empty(IamChangeAnalyzer.Analyze([Update(RolePolicy, "p", RolePolicyInputs(Policy("10")), RolePolicyInputs(Policy(number)))]));
        Assert.Empty(IamChangeAnalyzer.Analyze([Update(RolePolicy, "p", RolePolicyInputs(Policy(10m)), RolePolicyInputs(Policy(JsonNode.Parse("10")!)))]));
        Assert.True(Single(Update(RolePolicy, "p", RolePolicyInputs(Policy(number)), RolePolicyInputs(Policy(100)))).Broadens);
    }

    [Fact]
    public void Typed_dictionaries_booleans_and_null_inputs_are_read()
    {
        var typed = new Dictionary<string, object?>
        {
            ["Statement"] = new Dictionary<string, object?>
            {
                ["Effect"] = "Allow", ["Action"] = "s3:GetObject", ["Resource"] = "*",
                ["Condition"] = new Dictionary<string, Dictionary<string, bool>> { ["Bool"] = new() { ["aws:SecureTransport"] = true } },
            },
        };
        var text = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""");

        Assert.Empty(IamChangeAnalyzer.Analyze([Update(RolePolicy, "p", RolePolicyInputs(text), RolePolicyInputs(typed))]));
        Assert.Empty(IamChangeAnalyzer.Analyze([Update(RolePolicy, "p", RolePolicyInputs(null!), Inputs(("role", RoleName), ("policy", null)))]));
    }

    [Fact]
    public void An_unknown_or_secret_member_of_a_Not_list_or_principal_may_broaden()
    {
        var old = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""");

        var notAction = Single(PolicyUpdateFrom(old, Statements($$"""{"Effect":"Allow","NotAction":["iam:*","{{Unknown}}"],"Resource":"*"}""")));
        var principal = Single(Update("aws:s3/bucketPolicy:BucketPolicy", "b", Inputs(("policy", Statements("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"*"}"""))),
            Inputs(("policy", Statements($$"""{"Effect":"Allow","Principal":"{{Unknown}}","Action":"s3:GetObject","Resource":"*"}""")))));
        var secret = Single(Update("aws:s3/bucketPolicy:BucketPolicy", "b", Inputs(("policy", old)),
            Inputs(("policy", Statements("""{"Effect":"Allow","Principal":"[secret]","Action":"s3:GetObject","Resource":"*"}""")))));

        Assert.Equal(IamBroadening.Possibly, notAction.Broadening);
        Assert.Equal(IamBroadening.Possibly, principal.Broadening);
        Assert.Equal(IamValue.SecretText, Texts(secret.Rows.First(row => row.Change == IamRowChange.Added).Who));
    }

    [Fact]
    public void Numbers_booleans_and_nested_immutable_inputs_are_read()
    {
        var parsed = ImmutableDictionary<string, object>.Empty
            .Add("Statement", ImmutableArray.Create<object>(ImmutableDictionary<string, object>.Empty
                .Add("Effect", "Allow").Add("Action", "s3:GetObject").Add("Resource", "*")
                .Add("Condition", new Dictionary<string, object> { ["NumericLessThan"] = new Dictionary<string, object> { ["s3:max-keys"] = 10 } })));
        var asText = Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10"}}}""");

        Assert.Empty(IamChangeAnalyzer.Analyze([Update(RolePolicy, "p", RolePolicyInputs(asText), RolePolicyInputs(parsed))]));
    }

    private static IamStep PolicyUpdateFrom(string old, string @new) =>
        Update(RolePolicy, "s3-management", RolePolicyInputs(old), RolePolicyInputs(@new));
}
