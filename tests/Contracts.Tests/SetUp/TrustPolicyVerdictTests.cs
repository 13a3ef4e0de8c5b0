using AssumeRolePipeline.Contracts.SetUp;

namespace AssumeRolePipeline.Contracts.Tests.SetUp;

public sealed class TrustPolicyVerdictTests
{
    private const string Provider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    private const string Subject = "repo:octo-org/widgets:environment:aws-privileged";

    private static readonly string Exact = IamTemplates.Render(IamTemplate.TrustDeploy,
        new TemplateValues("123456789012", "aws", "octo-org/widgets", "aws-privileged", "dev"));

    private static IReadOnlyList<string> Verdict(string document) => TrustPolicyVerdict.Of(document, Subject, Provider);

    private static string Statement(string principal, string action, string condition) =>
        $$$"""{"Effect":"Allow","Principal":{{{principal}}},"Action":{{{action}}},"Condition":{{{condition}}}}""";

    private static string Policy(params string[] statements) => $$$"""{"Version":"2012-10-17","Statement":[{{{string.Join(',', statements)}}}]}""";

    private const string Github = $$$"""{"Federated":"{{{Provider}}}"}""";
    private const string WebIdentity = "\"sts:AssumeRoleWithWebIdentity\"";
    private const string Bound = $$$"""{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"{{{Subject}}}"}}""";

    [Fact]
    public void The_set_ups_own_trust_trusts_exactly_its_environment()
    {
        Assert.Empty(Verdict(Exact));
    }

    [Fact]
    public void The_trust_as_iams_get_role_returns_it_url_encoded_is_read_the_same()
    {
        Assert.Empty(TrustPolicyVerdict.OfEncoded(Uri.EscapeDataString(Exact), Subject, Provider));
        Assert.NotEmpty(TrustPolicyVerdict.OfEncoded(Uri.EscapeDataString(Exact.Replace("aws-privileged", "aws-preview", StringComparison.Ordinal)), Subject, Provider));
    }

    [Fact]
    public void A_subject_matched_with_a_wildcard_is_reported_with_its_pattern()
    {
        var policy = Policy(Statement(Github, WebIdentity,
            """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/widgets:*"}}"""));

        var defects = Verdict(policy);

        Assert.Contains("statement 1 matches the subject with the pattern 'repo:octo-org/widgets:*' (StringLike), not exactly '" + Subject + "'", defects);
        Assert.DoesNotContain(defects, d => d.StartsWith("no statement", StringComparison.Ordinal)); // it does let its own subject in
    }

    [Fact]
    public void A_subject_in_stringlike_without_a_wildcard_binds_like_stringequals()
    {
        var policy = Policy(Statement(Github, WebIdentity,
            $$$"""{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"{{{Subject}}}"}}"""));

        Assert.Empty(Verdict(policy));
    }

    [Fact]
    public void No_condition_on_the_subject_is_reported_as_open_to_every_repository()
    {
        var policy = Policy(Statement(Github, WebIdentity, """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}"""));

        Assert.Contains(Verdict(policy), d => d.Contains("no StringEquals condition on token.actions.githubusercontent.com:sub: any GitHub repository", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_audience_is_reported()
    {
        var policy = Policy(Statement(Github, WebIdentity, $$$"""{"StringEquals":{"token.actions.githubusercontent.com:sub":"{{{Subject}}}"}}"""));

        Assert.Contains("statement 1 has no StringEquals condition on token.actions.githubusercontent.com:aud (the audience sts.amazonaws.com)", Verdict(policy));
    }

    [Fact]
    public void A_second_subject_in_the_same_condition_is_reported()
    {
        var policy = Policy(Statement(Github, WebIdentity,
            $$$"""{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":["{{{Subject}}}","repo:octo-org/widgets:ref:refs/heads/main"]}}"""));

        Assert.Equal(["statement 1 also trusts the subject 'repo:octo-org/widgets:ref:refs/heads/main'"], Verdict(policy));
    }

    [Fact]
    public void An_extra_statement_for_another_principal_is_reported_with_its_sid()
    {
        var extra = """{"Sid":"Ops","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}""";

        var defects = Verdict(Policy(Statement(Github, WebIdentity, Bound), extra));

        Assert.Contains("statement 2 (Ops) also trusts the AWS principal arn:aws:iam::210987654321:root", defects);
        Assert.Contains("statement 2 (Ops) allows sts:AssumeRole, not only sts:AssumeRoleWithWebIdentity", defects);
        Assert.DoesNotContain(defects, d => d.StartsWith("statement 1", StringComparison.Ordinal));
        Assert.DoesNotContain(defects, d => d.StartsWith("no statement", StringComparison.Ordinal));
    }

    [Fact]
    public void An_extra_statement_trusting_another_environment_is_reported()
    {
        var other = Statement(Github, WebIdentity, Bound.Replace("aws-privileged", "aws-preview", StringComparison.Ordinal));

        Assert.Equal(["statement 2 also trusts the subject 'repo:octo-org/widgets:environment:aws-preview'"], Verdict(Policy(Statement(Github, WebIdentity, Bound), other)));
    }

    [Theory]
    [InlineData("[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]", "sts:TagSession")]
    [InlineData("\"sts:*\"", "sts:*")]
    [InlineData("\"*\"", "*")]
    public void Another_action_is_reported(string action, string reported)
    {
        Assert.Equal([$"statement 1 allows {reported}, not only sts:AssumeRoleWithWebIdentity"], Verdict(Policy(Statement(Github, action, Bound))));
    }

    [Fact]
    public void Any_principal_and_not_principal_are_reported()
    {
        var star = Verdict(Policy(Statement("\"*\"", WebIdentity, Bound)));
        var notPrincipal = Verdict(Policy($$$"""{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":{{{WebIdentity}}},"Condition":{{{Bound}}}}"""));

        Assert.Contains("statement 1 allows any principal (*)", star);
        Assert.Contains("statement 1 allows every principal except those it names (NotPrincipal)", notPrincipal);
    }

    [Fact]
    public void Another_identity_provider_is_reported()
    {
        var defects = Verdict(Policy(Statement("""{"Federated":"arn:aws:iam::123456789012:oidc-provider/gitlab.com"}""", WebIdentity, Bound)));

        Assert.Contains("statement 1 also trusts the Federated principal arn:aws:iam::123456789012:oidc-provider/gitlab.com", defects);
        Assert.Contains(defects, d => d.StartsWith("no statement lets GitHub's OIDC provider", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deny_statement_only_narrows_and_is_not_reported()
    {
        var deny = """{"Effect":"Deny","Principal":"*","Action":"*"}""";

        Assert.Empty(Verdict(Policy(Statement(Github, WebIdentity, Bound), deny)));
    }

    [Fact]
    public void A_role_that_trusts_another_environment_only_is_reported_as_not_trusting_its_own()
    {
        var defects = Verdict(Exact.Replace("aws-privileged", "aws-preview", StringComparison.Ordinal));

        Assert.Contains("statement 1 also trusts the subject 'repo:octo-org/widgets:environment:aws-preview'", defects);
        Assert.Contains($"no statement lets GitHub's OIDC provider ({Provider}) assume it for exactly the subject {Subject}", defects);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Version\":\"2012-10-17\"}")]
    public void A_document_that_cannot_be_read_says_so(string document)
    {
        Assert.Single(Verdict(document), d => d.Contains("cannot be told", StringComparison.Ordinal));
    }
}
