using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Tests.Readiness;
using static AssumeRolePipeline.Pipeline.Operations.Verification.LeastPrivilegeVerifier;

namespace AssumeRolePipeline.Pipeline.Tests.Verification;

/// <summary>
/// Verify with the real AWS SDK clients against a local STS and a local S3 that answer as AWS does for a
/// deployed stack pair, and then as they would if the setup were wrong, or AWS out of reach.
/// </summary>
public sealed class LeastPrivilegeVerifierTests : IAsyncLifetime
{
    internal const string UserArn = "arn:aws:iam::123456789012:user/assume-role-pipeline-dev";
    internal const string RoleArn = "arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c";
    internal const string Bucket = "bucket-9f8e7d";

    internal static readonly UnprivilegedCredentials Credentials = new(RoleArn, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYVERIFYKEY");

    internal static readonly VerificationTarget Target = new("dev", "us-east-1", RoleArn, UserArn, Bucket, "assume-role-dev");

    private LocalStsServer _sts = null!;
    private LocalS3Server _s3 = null!;

    public SecretMasker Masker { get; } = new();

    public async Task InitializeAsync()
    {
        _sts = await LocalStsServer.StartAsync();
        _s3 = await LocalS3Server.StartAsync();
        _sts.CallerArn = UserArn;
    }

    public async Task DisposeAsync()
    {
        await _sts.DisposeAsync();
        await _s3.DisposeAsync();
    }

    private Task<VerificationReport> VerifyAsync(VerificationTarget? target = null) =>
        new LeastPrivilegeVerifier(new AwsClientFactory(_sts.Url, _s3.Url), Masker).VerifyAsync(Credentials, target ?? Target, CancellationToken.None);

    private static CheckedClaim Row(VerificationReport report, string claim) => Assert.Single(report.Claims, c => c.Claim == claim);

    [Fact]
    public async Task Every_claim_holds_when_AWS_answers_as_for_the_deployed_stack_pair()
    {
        var report = await VerifyAsync();

        Assert.True(report.Proven);
        Assert.Null(report.Failure);
        Assert.Equal([KeyIsCreateRolesUser, KeyCannotListBuckets, KeyCannotReadBucket, KeyAssumesRole, SessionReadsBucket],
            report.Claims.Select(c => c.Claim));
        Assert.All(report.Claims, c => Assert.Equal(ClaimResult.Holds, c.Result));
        Assert.Equal($"sts:GetCallerIdentity with AKIAIOSFODNN7EXAMPLE: {UserArn}", Row(report, KeyIsCreateRolesUser).Evidence);
        Assert.Equal("s3:ListBuckets with AKIAIOSFODNN7EXAMPLE: 403 AccessDenied: scripted", Row(report, KeyCannotListBuckets).Evidence);
        Assert.Equal($"s3:ListObjectsV2 of {Bucket} with AKIAIOSFODNN7EXAMPLE: 403 AccessDenied: scripted", Row(report, KeyCannotReadBucket).Evidence);
        Assert.EndsWith(": session arn:aws:sts::123456789012:assumed-role/allow-s3-management-1a2b3c/assume-role-dev",
            Row(report, KeyAssumesRole).Evidence, StringComparison.Ordinal);
        Assert.Equal($"s3:HeadBucket of {Bucket} as the role session: 200; s3:ListObjectsV2: 200 (1 keys listed)", Row(report, SessionReadsBucket).Evidence);
    }

    [Fact]
    public async Task The_S3_reads_go_out_signed_with_the_key_alone_then_with_the_role_session()
    {
        await VerifyAsync(Target with { ExternalId = "PulumiApplication" });

        Assert.Equal(
        [
            (LocalS3Server.Key, LocalS3Server.ListBuckets, null),
            (LocalS3Server.Key, LocalS3Server.ListObjects, Bucket),
            (LocalS3Server.Session, LocalS3Server.HeadBucket, Bucket),
            (LocalS3Server.Session, LocalS3Server.ListObjects, Bucket),
        ], _s3.Requests);
        Assert.Equal(["GetCallerIdentity", "AssumeRole"], _sts.Requests.Select(r => r.Action));
        Assert.All(_sts.Requests, r => Assert.Contains("Credential=AKIAIOSFODNN7EXAMPLE/", r.Authorization, StringComparison.Ordinal));
        var assumeRole = _sts.Requests.Single(r => r.Action == "AssumeRole").Form;
        Assert.Equal(RoleArn, assumeRole["RoleArn"]);
        Assert.Equal("assume-role-dev", assumeRole["RoleSessionName"]);
        Assert.Equal("PulumiApplication", assumeRole["ExternalId"]);
    }

    [Fact]
    public async Task A_key_of_another_user_fails_the_identity_claim_naming_both_users()
    {
        _sts.CallerArn = "arn:aws:iam::123456789012:user/someone-else";

        var report = await VerifyAsync();

        var row = Row(report, KeyIsCreateRolesUser);
        Assert.Equal(ClaimResult.Fails, row.Result);
        Assert.Contains($"arn:aws:iam::123456789012:user/someone-else, not create-role's user {UserArn}", row.Evidence, StringComparison.Ordinal);
        Assert.False(report.Proven);
        Assert.Contains($"false: '{KeyIsCreateRolesUser}'", report.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_STS_does_not_accept_fails_the_identity_claim()
    {
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "InvalidClientTokenId");

        var row = Row(await VerifyAsync(), KeyIsCreateRolesUser);

        Assert.Equal(ClaimResult.Fails, row.Result);
        Assert.Contains("403 InvalidClientTokenId", row.Evidence, StringComparison.Ordinal);
        Assert.Contains("STS does not accept the key", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_STS_that_does_not_serve_GetCallerIdentity_leaves_the_identity_unchecked_and_says_so()
    {
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "405:MethodNotAllowed");

        var report = await VerifyAsync();

        var row = Row(report, KeyIsCreateRolesUser);
        Assert.Equal(ClaimResult.CannotCheck, row.Result);
        Assert.Contains("405 MethodNotAllowed", row.Evidence, StringComparison.Ordinal);
        Assert.Contains("STS did not say whose key it is", row.Evidence, StringComparison.Ordinal);
        Assert.Empty(report.FalseClaims);
        Assert.Contains($"could not be checked: '{KeyIsCreateRolesUser}'", report.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain("false:", report.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_may_list_buckets_fails_the_claim_saying_it_has_S3_rights_of_its_own()
    {
        _s3.Replies[(LocalS3Server.Key, LocalS3Server.ListBuckets)] = "ok";
        _s3.Replies[(LocalS3Server.Key, LocalS3Server.ListObjects)] = "ok";

        var report = await VerifyAsync();

        Assert.Equal("s3:ListBuckets with AKIAIOSFODNN7EXAMPLE succeeded (1 buckets listed): the key has S3 rights of its own",
            Row(report, KeyCannotListBuckets).Evidence);
        Assert.Equal(ClaimResult.Fails, Row(report, KeyCannotListBuckets).Result);
        Assert.Equal(ClaimResult.Fails, Row(report, KeyCannotReadBucket).Result);
        Assert.Equal(ClaimResult.Holds, Row(report, SessionReadsBucket).Result);
        Assert.Contains(KeyCannotListBuckets, report.Failure, StringComparison.Ordinal);
        Assert.Contains(KeyCannotReadBucket, report.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("403:InvalidAccessKeyId")]
    [InlineData("403:AllAccessDisabled")]
    public async Task A_403_that_is_not_AccessDenied_fails_the_claim_the_key_is_refused(string reply)
    {
        _s3.Replies[(LocalS3Server.Key, LocalS3Server.ListBuckets)] = reply;

        var row = Row(await VerifyAsync(), KeyCannotListBuckets);

        Assert.Equal(ClaimResult.Fails, row.Result);
        Assert.Contains($"403 {reply[4..]}", row.Evidence, StringComparison.Ordinal);
        Assert.Contains("refused, but not for lack of permission (AccessDenied)", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_leaves_the_claim_unchecked_saying_nothing_answered()
    {
        _s3.Replies[(LocalS3Server.Key, LocalS3Server.ListBuckets)] = "drop";

        var report = await VerifyAsync();

        var row = Row(report, KeyCannotListBuckets);
        Assert.Equal(ClaimResult.CannotCheck, row.Result);
        Assert.StartsWith("s3:ListBuckets with AKIAIOSFODNN7EXAMPLE: no answer (", row.Evidence, StringComparison.Ordinal);
        Assert.Equal(ClaimResult.Holds, Row(report, KeyCannotReadBucket).Result); // each claim is checked on its own
    }

    [Fact]
    public async Task An_unreachable_endpoint_leaves_every_claim_unchecked_not_false()
    {
        var closed = $"http://127.0.0.1:{ClosedPort()}";
        var verifier = new LeastPrivilegeVerifier(new AwsClientFactory(closed, closed), Masker);

        var report = await verifier.VerifyAsync(Credentials, Target, CancellationToken.None);

        Assert.All(report.Claims, c => Assert.Equal(ClaimResult.CannotCheck, c.Result));
        Assert.Contains("no answer (", Row(report, KeyIsCreateRolesUser).Evidence, StringComparison.Ordinal);
        Assert.Equal("no role session to read with: sts:AssumeRole did not succeed (see above)", Row(report, SessionReadsBucket).Evidence);
        Assert.Empty(report.FalseClaims);
    }

    [Fact]
    public async Task A_server_error_leaves_the_claim_unchecked_with_its_code()
    {
        _s3.Replies[(LocalS3Server.Key, LocalS3Server.ListObjects)] = "503:SlowDown";

        var row = Row(await VerifyAsync(), KeyCannotReadBucket);

        Assert.Equal(ClaimResult.CannotCheck, row.Result);
        Assert.Contains("503 SlowDown", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_proves_nothing_about_the_key_and_disproves_the_session_read()
    {
        _s3.Replies[(LocalS3Server.Key, LocalS3Server.ListObjects)] = "404:NoSuchBucket";
        _s3.Replies[(LocalS3Server.Session, LocalS3Server.HeadBucket)] = "404:NoSuchBucket";
        _s3.Replies[(LocalS3Server.Session, LocalS3Server.ListObjects)] = "404:NoSuchBucket";

        var report = await VerifyAsync();

        Assert.Equal(ClaimResult.CannotCheck, Row(report, KeyCannotReadBucket).Result);
        Assert.Contains("404 NoSuchBucket", Row(report, KeyCannotReadBucket).Evidence, StringComparison.Ordinal);
        Assert.Equal(ClaimResult.Fails, Row(report, SessionReadsBucket).Result);
    }

    [Fact]
    public async Task A_role_the_key_may_not_assume_fails_that_claim_and_leaves_the_session_read_unchecked()
    {
        LocalStsServer.Script(_sts.AssumeRoleScript, "AccessDenied");

        var report = await VerifyAsync();

        Assert.Equal(ClaimResult.Fails, Row(report, KeyAssumesRole).Result);
        Assert.Contains("403 AccessDenied", Row(report, KeyAssumesRole).Evidence, StringComparison.Ordinal);
        Assert.Equal(ClaimResult.CannotCheck, Row(report, SessionReadsBucket).Result);
        Assert.DoesNotContain(_s3.Requests, r => r.Caller == LocalS3Server.Session);
    }

    [Fact]
    public async Task A_session_of_another_role_or_name_fails_the_assume_role_claim()
    {
        _sts.AssumedRoleArn = "arn:aws:sts::123456789012:assumed-role/allow-s3-management-1a2b3c/someone-elses-session";

        var row = Row(await VerifyAsync(), KeyAssumesRole);

        Assert.Equal(ClaimResult.Fails, row.Result);
        Assert.Contains("expected arn:aws:sts::123456789012:assumed-role/allow-s3-management-1a2b3c/assume-role-dev", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_with_a_path_is_expected_without_it_in_the_session_ARN()
    {
        var report = await VerifyAsync(Target with { RoleArn = "arn:aws:iam::123456789012:role/team/s3/allow-s3" });

        Assert.Equal(ClaimResult.Holds, Row(report, KeyAssumesRole).Result);
        Assert.EndsWith("assumed-role/allow-s3/assume-role-dev", Row(report, KeyAssumesRole).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_denied_the_bucket_fails_the_read_claim_with_both_answers()
    {
        _s3.Replies[(LocalS3Server.Session, LocalS3Server.HeadBucket)] = "403:AccessDenied";
        _s3.Replies[(LocalS3Server.Session, LocalS3Server.ListObjects)] = "403:AccessDenied";

        var report = await VerifyAsync();

        var row = Row(report, SessionReadsBucket);
        Assert.Equal(ClaimResult.Fails, row.Result);
        // A HEAD answer has no body: the SDK names the status as the code.
        Assert.Equal($"s3:HeadBucket of {Bucket} as the role session: 403 Forbidden; s3:ListObjectsV2: 403 AccessDenied: scripted", row.Evidence);
        Assert.Equal($"Least privilege of dev is not proven; false: '{SessionReadsBucket}' ({row.Evidence}).", report.Failure);
    }

    [Fact]
    public async Task An_error_without_a_message_is_shown_as_status_and_code_alone()
    {
        _s3.ErrorMessage = string.Empty;
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "405:MethodNotAllowed");

        var report = await VerifyAsync();

        Assert.Equal("s3:ListBuckets with AKIAIOSFODNN7EXAMPLE: 403 AccessDenied", Row(report, KeyCannotListBuckets).Evidence);
        Assert.Contains(": 405 MethodNotAllowed: scripted MethodNotAllowed;", Row(report, KeyIsCreateRolesUser).Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("not-an-arn")]
    public async Task A_malformed_role_ARN_is_refused_before_any_call(string roleArn)
    {
        var thrown = await Assert.ThrowsAsync<InvalidInputException>(() => VerifyAsync(Target with { RoleArn = roleArn }));

        Assert.Contains(roleArn, thrown.Message, StringComparison.Ordinal);
        Assert.Empty(_sts.Requests);
        Assert.Empty(_s3.Requests);
    }

    [Fact]
    public async Task The_secrets_are_masked_even_where_AWS_repeats_them()
    {
        _s3.ErrorMessage = $"echo {Credentials.SecretAccessKey} {LocalStsServer.SessionToken}";
        _s3.Replies[(LocalS3Server.Session, LocalS3Server.ListObjects)] = "403:AccessDenied";

        var report = await VerifyAsync();

        var evidence = string.Join('\n', report.Claims.Select(c => c.Evidence)) + report.Failure;
        Assert.Contains("echo *** ***", evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(Credentials.SecretAccessKey, evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalStsServer.SessionToken, evidence, StringComparison.Ordinal);
        Assert.Equal("***", Masker.Redact(LocalStsServer.SessionSecret));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
