using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Operations.SetUp;
using static AssumeRolePipeline.Pipeline.Tests.SetUp.Aws.AwsSetUpFixture;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp.Aws;

public sealed class AwsSetUpCheckTrustTests
{
    private const string Privileged = "gha-octo-org-widgets-aws-privileged";
    private const string PrivilegedArn = "arn:aws:iam::123456789012:role/" + Privileged;

    private static string Trust(string environment) => SetUpDocuments.Role(SetUpRoleKind.Deploy, Account, "aws", AwsSetUpFixture.Repository, environment, "dev").TrustPolicy;

    [Fact]
    public async Task A_role_that_trusts_exactly_its_environment_passes()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.Roles[Privileged] = Trust("aws-privileged");

        var lines = await fixture.SetUp.CheckTrustAsync(Request, new Dictionary<string, string> { ["aws-privileged"] = PrivilegedArn }, CancellationToken.None);

        Assert.Empty(lines);
        Assert.Equal(Privileged, Assert.Single(fixture.Iam.Requests).Form["RoleName"]);
    }

    [Fact]
    public async Task CheckSetUps_trust_only_half_reads_the_trust_without_any_stack_or_backend_and_refuses_to_run_the_stack()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.Roles[Privileged] = Trust("aws-privileged");
        var check = AwsSetUp.TrustCheckOnly(fixture.Access);

        var lines = await check.CheckTrustAsync(Request, new Dictionary<string, string> { ["aws-privileged"] = PrivilegedArn }, CancellationToken.None);

        Assert.Empty(lines);
        await Assert.ThrowsAsync<InvalidOperationException>(() => check.ApplyAsync(Request, dryRun: true, CancellationToken.None));
        Assert.Empty(fixture.Stacks.Calls);
    }

    [Fact]
    public async Task A_role_open_to_every_branch_of_the_repository_is_reported_naming_role_environment_and_pattern()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.Roles[Privileged] = Trust("aws-privileged").Replace("repo:octo-org/widgets:environment:aws-privileged", "repo:octo-org/widgets:*", StringComparison.Ordinal)
            .Replace("\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\",", "\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"},\"StringLike\":{", StringComparison.Ordinal);

        var lines = await fixture.SetUp.CheckTrustAsync(Request, new Dictionary<string, string> { ["aws-privileged"] = PrivilegedArn }, CancellationToken.None);

        Assert.Equal(
            $"The trust policy of role {PrivilegedArn} (environment aws-privileged, which should trust only repo:octo-org/widgets:environment:aws-privileged): " +
            "statement 1 matches the subject with the pattern 'repo:octo-org/widgets:*' (StringLike), not exactly 'repo:octo-org/widgets:environment:aws-privileged'.",
            Assert.Single(lines));
    }

    [Fact]
    public async Task A_role_trusting_another_environment_is_reported()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.Roles[Privileged] = Trust("aws-preview");

        var lines = await fixture.SetUp.CheckTrustAsync(Request, new Dictionary<string, string> { ["aws-privileged"] = PrivilegedArn }, CancellationToken.None);

        Assert.Contains(lines, l => l.EndsWith("statement 1 also trusts the subject 'repo:octo-org/widgets:environment:aws-preview'.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_docs_sample_role_for_ec2_is_reported_as_trusting_a_service()
    {
        await using var fixture = await StartAsync();
        // IAM's published GetRole example's document.
        fixture.Iam.Roles["S3Access"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]},"Action":["sts:AssumeRole"]}]}""";

        var lines = await fixture.SetUp.CheckTrustAsync(Request,
            new Dictionary<string, string> { ["aws-privileged"] = "arn:aws:iam::123456789012:role/S3Access" }, CancellationToken.None);

        Assert.Contains(lines, l => l.EndsWith("statement 1 also trusts the Service principal ec2.amazonaws.com.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("statement 1 allows sts:AssumeRole, not only sts:AssumeRoleWithWebIdentity.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_role_says_so_and_what_to_do()
    {
        await using var fixture = await StartAsync();

        var lines = await fixture.SetUp.CheckTrustAsync(Request, new Dictionary<string, string> { ["aws-privileged"] = PrivilegedArn }, CancellationToken.None);

        Assert.Equal($"The role {PrivilegedArn} (environment aws-privileged) does not exist in account 123456789012: run ./build.sh SetUp, or set the " +
                     "environment's role ARN to the role its jobs assume.", Assert.Single(lines));
    }

    [Fact]
    public async Task A_trust_that_cannot_be_read_is_one_line_naming_the_call_and_the_rest_is_still_checked()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.Failures["GetRole"] = "AccessDenied@403";

        var lines = await fixture.SetUp.CheckTrustAsync(Request, new Dictionary<string, string>
        {
            ["aws-privileged"] = PrivilegedArn,
            ["aws-preview"] = "arn:aws:iam::123456789012:role/gha-octo-org-widgets-aws-preview",
        }, CancellationToken.None);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Contains("could not be read: IAM GetRole failed: 403 AccessDenied", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("may not call iam:GetRole", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_role_arn_is_reported_without_asking_iam()
    {
        await using var fixture = await StartAsync();

        var lines = await fixture.SetUp.CheckTrustAsync(Request, new Dictionary<string, string> { ["aws-privileged"] = "arn:aws:iam::123456789012:user/alice" }, CancellationToken.None);

        Assert.StartsWith("The role ARN of environment aws-privileged 'arn:aws:iam::123456789012:user/alice' is invalid", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Empty(fixture.Iam.Requests);
    }

    [Fact]
    public async Task A_bad_repository_is_refused_before_any_call()
    {
        await using var fixture = await StartAsync();

        await Assert.ThrowsAsync<InvalidInputException>(() => fixture.SetUp.CheckTrustAsync(Request with { Repository = "octo-org" },
            new Dictionary<string, string> { ["aws-privileged"] = PrivilegedArn }, CancellationToken.None));

        Assert.Empty(fixture.Iam.Requests);
    }
}
