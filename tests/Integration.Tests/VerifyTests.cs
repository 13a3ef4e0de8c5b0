using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Integration.Tests.Gateway;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Publishing.Verification;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using Xunit.Abstractions;
using static AssumeRolePipeline.Pipeline.Operations.Verification.LeastPrivilegeVerifier;

namespace AssumeRolePipeline.Integration.Tests;

/// <summary>
/// Verify's checks on a real IAM-role engine: all its claims hold for the setup create-role makes (roles
/// from our own <c>PolicyDocuments</c>), and each way of getting that setup wrong makes the right claim fail.
/// radosgw serves no GetCallerIdentity (405), so the identity claim cannot be checked here: each test
/// asserts the row says so, and LeastPrivilegeVerifierTests (Pipeline.Tests) checks that claim against
/// the local STS endpoint instead.
/// </summary>
public sealed class VerifyTests(RgwRoles roles, RgwVerificationSetup setup, ITestOutputHelper output)
    : IClassFixture<RgwRoles>, IClassFixture<RgwVerificationSetup>
{
    private const string IdentityNotServed =
        "radosgw serves no GetCallerIdentity (405): the identity claim is checked against the local STS endpoint in Pipeline.Tests";

    private async Task<VerificationReport> VerifyAsync(RgwConfig config, RgwUser user, string roleArn)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var target = new VerificationTarget("integration", RgwClients.Region, roleArn,
            RoleArnParts.Parse(roleArn).UserArn(user.Uid), setup.BucketName, InputRules.SessionNameFor("integration"));
        var credentials = new UnprivilegedCredentials(roleArn, user.AccessKeyId, user.SecretAccessKey);
        var report = await new LeastPrivilegeVerifier(new RgwClientFactory(config), new SecretMasker())
            .VerifyAsync(credentials, target, timeout.Token);

        output.WriteLine(VerificationMarkdown.Render(report));
        output.WriteLine(IdentityNotServed);
        var identity = Row(report, KeyIsCreateRolesUser);
        Assert.True(identity.Result == ClaimResult.CannotCheck, $"{IdentityNotServed}; the row says: {identity.Evidence}");
        Assert.Contains("sts:GetCallerIdentity", identity.Evidence, StringComparison.Ordinal);
        Assert.Contains(": 405 ", identity.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(user.SecretAccessKey, string.Join('\n', report.Claims), StringComparison.Ordinal);
        return report;
    }

    private static CheckedClaim Row(VerificationReport report, string claim) => Assert.Single(report.Claims, c => c.Claim == claim);

    private static void AssertResults(VerificationReport report, params (string Claim, ClaimResult Result)[] expected)
    {
        foreach (var (claim, result) in expected)
        {
            var row = Row(report, claim);
            Assert.True(row.Result == result, $"'{claim}' should be {result}, is {row.Result}: {row.Evidence}");
        }
    }

    [SkippableFact]
    public async Task Every_claim_holds_for_the_setup_create_role_makes()
    {
        var config = RgwEnvironment.Require();

        var report = await VerifyAsync(config, config.Unprivileged, roles.Granting!.RoleArn);

        AssertResults(report,
            (KeyCannotListBuckets, ClaimResult.Holds),
            (KeyCannotReadBucket, ClaimResult.Holds),
            (KeyAssumesRole, ClaimResult.Holds),
            (SessionReadsBucket, ClaimResult.Holds));
        Assert.Contains("403 AccessDenied", Row(report, KeyCannotListBuckets).Evidence, StringComparison.Ordinal);
        Assert.Contains("403 AccessDenied", Row(report, KeyCannotReadBucket).Evidence, StringComparison.Ordinal);
        Assert.EndsWith($"session {RoleArnParts.Parse(roles.Granting.RoleArn).SessionArn("assume-role-integration")}",
            Row(report, KeyAssumesRole).Evidence, StringComparison.Ordinal);
        Assert.Contains("s3:ListObjectsV2: 200 (1 keys listed)", Row(report, SessionReadsBucket).Evidence, StringComparison.Ordinal);
        Assert.Empty(report.FalseClaims);
    }

    [SkippableFact]
    public async Task A_role_without_the_inline_policy_fails_the_session_read()
    {
        var config = RgwEnvironment.Require();

        var report = await VerifyAsync(config, config.Unprivileged, roles.BareRoleArn!);

        AssertResults(report,
            (KeyCannotListBuckets, ClaimResult.Holds),
            (KeyCannotReadBucket, ClaimResult.Holds),
            (KeyAssumesRole, ClaimResult.Holds),
            (SessionReadsBucket, ClaimResult.Fails));
        Assert.Contains("s3:ListObjectsV2: 403 AccessDenied", Row(report, SessionReadsBucket).Evidence, StringComparison.Ordinal);
        Assert.Equal([SessionReadsBucket], report.FalseClaims.Select(c => c.Claim));
    }

    [SkippableFact]
    public async Task A_user_with_S3_rights_of_its_own_fails_both_key_alone_claims()
    {
        var config = RgwEnvironment.Require();

        var report = await VerifyAsync(config, config.Stranger, setup.StrangerRoleArn!);

        AssertResults(report,
            (KeyCannotListBuckets, ClaimResult.Fails),
            (KeyCannotReadBucket, ClaimResult.Fails),
            (KeyAssumesRole, ClaimResult.Holds),
            (SessionReadsBucket, ClaimResult.Holds));
        Assert.Contains("the key has S3 rights of its own", Row(report, KeyCannotListBuckets).Evidence, StringComparison.Ordinal);
        Assert.Contains("succeeded (1 keys listed)", Row(report, KeyCannotReadBucket).Evidence, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_trust_policy_naming_another_user_fails_the_assume_role_claim()
    {
        var config = RgwEnvironment.Require();

        var report = await VerifyAsync(config, config.Unprivileged, setup.StrangerRoleArn!);

        AssertResults(report,
            (KeyCannotListBuckets, ClaimResult.Holds),
            (KeyCannotReadBucket, ClaimResult.Holds),
            (KeyAssumesRole, ClaimResult.Fails),
            (SessionReadsBucket, ClaimResult.CannotCheck));
        Assert.Contains("403 AccessDenied", Row(report, KeyAssumesRole).Evidence, StringComparison.Ordinal);
        Assert.Equal([KeyAssumesRole], report.FalseClaims.Select(c => c.Claim));
    }
}
