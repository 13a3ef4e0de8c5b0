using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AssumeRolePipeline.Integration.Tests.Gateway;

namespace AssumeRolePipeline.Integration.Tests;

/// <summary>
/// The product's security claims, on a real IAM-role engine (radosgw): only the user the trust policy names
/// can assume the role, the role's inline policy is what lets it use S3, and the user's own key cannot.
/// Not StsCredentialReadiness itself: it asks GetCallerIdentity first, which radosgw does not serve (405).
/// </summary>
public sealed class AssumeRoleTests(RgwRoles roles) : IClassFixture<RgwRoles>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task The_user_the_trust_policy_names_assumes_the_role_and_its_session_creates_a_bucket_and_an_object()
    {
        var config = RgwEnvironment.Require();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var handOff = roles.Granting!;

        var session = await AssumeAsync(config, new BasicAWSCredentials(handOff.AccessKeyId, handOff.SecretAccessKey), handOff.RoleArn, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, session.HttpStatusCode);
        Assert.StartsWith("arn:aws:sts:::assumed-role/", session.AssumedRoleUser.Arn, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(session.Credentials.SessionToken));
        Assert.NotEqual(handOff.AccessKeyId, session.Credentials.AccessKeyId);

        using var s3 = RgwClients.S3(config, Session(session));
        var bucket = UniqueBucketName();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, timeout.Token);
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "proof.txt", ContentBody = "made through the role" }, timeout.Token);

            using var read = await s3.GetObjectAsync(bucket, "proof.txt", timeout.Token);
            using var reader = new StreamReader(read.ResponseStream);
            Assert.Equal("made through the role", await reader.ReadToEndAsync(timeout.Token));
        }
        finally
        {
            await s3.DeleteObjectAsync(bucket, "proof.txt", timeout.Token);
            await s3.DeleteBucketAsync(bucket, timeout.Token);
        }
    }

    [SkippableFact]
    public async Task A_user_the_trust_policy_does_not_name_is_refused_AssumeRole()
    {
        var config = RgwEnvironment.Require();
        using var timeout = new CancellationTokenSource(TestTimeout);

        var refusal = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            AssumeAsync(config, RgwClients.Keys(config.Stranger), roles.Granting!.RoleArn, timeout.Token));
        Assert.Equal(HttpStatusCode.Forbidden, refusal.StatusCode);
        Assert.Equal("AccessDenied", refusal.ErrorCode);
    }

    [SkippableFact]
    public async Task The_unprivileged_users_own_key_cannot_create_a_bucket()
    {
        var config = RgwEnvironment.Require();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var bucket = UniqueBucketName();

        using (var own = RgwClients.S3(config, RgwClients.Keys(config.Unprivileged)))
        {
            var refusal = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
                own.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, timeout.Token));
            Assert.Equal(HttpStatusCode.Forbidden, refusal.StatusCode);
            Assert.Equal("AccessDenied", refusal.ErrorCode);
        }

        // A new client: the refused request may have left its body unread on the old connection.
        using var check = RgwClients.S3(config, RgwClients.Keys(config.Admin));
        var buckets = await check.ListBucketsAsync(timeout.Token);
        Assert.DoesNotContain(buckets.Buckets ?? [], b => b.BucketName == bucket);
    }

    [SkippableFact]
    public async Task A_role_without_the_S3_policy_gives_a_session_that_cannot_create_a_bucket()
    {
        var config = RgwEnvironment.Require();
        using var timeout = new CancellationTokenSource(TestTimeout);

        var session = await AssumeAsync(config, RgwClients.Keys(config.Unprivileged), roles.BareRoleArn!, timeout.Token);
        using var s3 = RgwClients.S3(config, Session(session));
        var refusal = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutBucketAsync(new PutBucketRequest { BucketName = UniqueBucketName() }, timeout.Token));
        Assert.Equal(HttpStatusCode.Forbidden, refusal.StatusCode);
        Assert.Equal("AccessDenied", refusal.ErrorCode);
    }

    private static async Task<AssumeRoleResponse> AssumeAsync(RgwConfig config, AWSCredentials credentials, string roleArn, CancellationToken cancellationToken)
    {
        using var sts = RgwClients.Sts(config, credentials);
        return await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = "integration-test",
            DurationSeconds = 900,
        }, cancellationToken);
    }

    private static SessionAWSCredentials Session(AssumeRoleResponse response) =>
        new(response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);

    private static string UniqueBucketName() => $"ci-{Guid.NewGuid():N}";
}
