using System.Text.Json;
using AssumeRolePipeline.Contracts.Policies;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.Tests;

public sealed class PolicyDocumentsTests
{
    private const string UserArn = "arn:aws:iam::123456789012:user/assume-role-pipeline-dev";

    [Fact]
    public void Trust_policy_lets_exactly_the_given_user_assume_the_role()
    {
        using var doc = JsonDocument.Parse(PolicyDocuments.TrustPolicy(UserArn));

        Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
        var statement = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        var principal = statement.GetProperty("Principal");
        Assert.Equal(["AWS"], principal.EnumerateObject().Select(p => p.Name));
        Assert.Equal(UserArn, principal.GetProperty("AWS").GetString());
    }

    [Fact]
    public void Trust_policy_has_no_condition_resource_or_wildcard()
    {
        var json = PolicyDocuments.TrustPolicy(UserArn);
        using var doc = JsonDocument.Parse(json);
        var statement = doc.RootElement.GetProperty("Statement")[0];

        Assert.Equal(["Effect", "Principal", "Action"], statement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("*", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_policy_is_compact_and_keeps_IAM_name_characters_readable()
    {
        const string arn = "arn:aws:iam::123456789012:user/ci+deploy=1,x@corp";
        var json = PolicyDocuments.TrustPolicy(arn);

        Assert.DoesNotContain(" ", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", json, StringComparison.Ordinal);
        Assert.Contains(arn, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_policy_allows_s3_everything_and_nothing_else()
    {
        using var doc = JsonDocument.Parse(PolicyDocuments.S3FullAccessPolicy());

        Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
        var statement = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal(["Effect", "Action", "Resource"], statement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("s3:*", statement.GetProperty("Action").GetString());
        Assert.Equal("*", statement.GetProperty("Resource").GetString());
    }

    [Fact]
    public void Both_documents_are_within_IAM_size_limits()
    {
        Assert.InRange(PolicyDocuments.TrustPolicy(UserArn).Length, 1, PolicyDocuments.MaxTrustPolicyLength);
        Assert.InRange(PolicyDocuments.S3FullAccessPolicy().Length, 1, PolicyDocuments.MaxInlineRolePolicyLength);
    }

    [Fact]
    public void Trust_policy_over_the_IAM_limit_is_refused_naming_the_limit()
    {
        var hugeArn = "arn:aws:iam::123456789012:user/" + new string('p', 2100);

        var thrown = Assert.Throws<InvalidInputException>(() => PolicyDocuments.TrustPolicy(hugeArn));

        Assert.Contains("trust policy", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2048", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_policy_needs_a_user_ARN() =>
        Assert.ThrowsAny<ArgumentException>(() => PolicyDocuments.TrustPolicy(""));
}
