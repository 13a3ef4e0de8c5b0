using Amazon.S3;
using Amazon.S3.Model;
using AssumeRolePipeline.Contracts.Policies;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>
/// What Verify needs on the gateway beside <see cref="RgwRoles"/>, and where radosgw's model differs from
/// IAM's, how the difference is bridged:
/// <list type="bullet">
/// <item>The stack's bucket, made by the admin. On AWS the bucket assume-role makes belongs to the
/// account, not to the user; on Ceph 16 a bucket made through a role belongs to the user who assumed it,
/// whose own key could then read it. A bucket of the admin's is what the account's bucket is on AWS.</item>
/// <item>An explicit deny of S3 on the unprivileged user. IAM denies a user without policies everything
/// (implicitly); radosgw lets every user list its own buckets. Role sessions are unaffected on both: a
/// session is judged by the role's policies only.</item>
/// <item>"Stranger with S3": the stranger, given an allow of S3 of its own, and a role it may assume with
/// <see cref="PolicyDocuments.S3FullAccessPolicy"/>: the user a wrong create-role would make. The same
/// role is the one whose trust names another user, for the unprivileged key.</item>
/// </list>
/// Unique names per test run; everything removed afterwards.
/// </summary>
public sealed class RgwVerificationSetup : IAsyncLifetime
{
    private const string RolePolicyName = "s3-full-access";
    private const string DenyS3PolicyName = "no-s3-of-its-own";
    private const string AllowS3PolicyName = "s3-of-its-own";
    private const string DenyS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""";
    private const string ObjectKey = "proof.txt";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly Stack<Func<RgwIamClient, IAmazonS3, CancellationToken, Task>> _undo = new();

    private string StrangerRoleName => $"ci-stranger-{_suffix}";

    public string BucketName => $"ci-stack-{_suffix}";

    /// <summary>Trusts the stranger, allows S3.</summary>
    internal string? StrangerRoleArn { get; private set; }

    public async Task InitializeAsync()
    {
        if (RgwEnvironment.Config is not { } config)
            return;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var iam = new RgwIamClient(config, RgwClients.Keys(config.Admin).GetCredentials());
        using var s3 = RgwClients.S3(config, RgwClients.Keys(config.Admin));
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = BucketName }, timeout.Token);
        _undo.Push((_, admin, ct) => admin.DeleteBucketAsync(BucketName, ct));
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = BucketName, Key = ObjectKey, ContentBody = "the stack's bucket" }, timeout.Token);
        _undo.Push((_, admin, ct) => admin.DeleteObjectAsync(BucketName, ObjectKey, ct));

        await iam.PutUserPolicyAsync(config.Unprivileged.Uid, DenyS3PolicyName, DenyS3, timeout.Token);
        _undo.Push((roles, _, ct) => roles.DeleteUserPolicyAsync(config.Unprivileged.Uid, DenyS3PolicyName, ct));
        await iam.PutUserPolicyAsync(config.Stranger.Uid, AllowS3PolicyName, PolicyDocuments.S3FullAccessPolicy(), timeout.Token);
        _undo.Push((roles, _, ct) => roles.DeleteUserPolicyAsync(config.Stranger.Uid, AllowS3PolicyName, ct));
        var strangerRoleArn = await iam.CreateRoleAsync(StrangerRoleName, PolicyDocuments.TrustPolicy(config.Stranger.Arn), timeout.Token);
        _undo.Push((roles, _, ct) => roles.DeleteRoleAsync(StrangerRoleName, ct));
        await iam.PutRolePolicyAsync(StrangerRoleName, RolePolicyName, PolicyDocuments.S3FullAccessPolicy(), timeout.Token);
        _undo.Push((roles, _, ct) => roles.DeleteRolePolicyAsync(StrangerRoleName, RolePolicyName, ct));
        StrangerRoleArn = strangerRoleArn;
    }

    /// <summary>Undoes what was made, newest first: a setup that failed half-way leaves nothing behind either.</summary>
    public async Task DisposeAsync()
    {
        if (RgwEnvironment.Config is not { } config)
            return;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var iam = new RgwIamClient(config, RgwClients.Keys(config.Admin).GetCredentials());
        using var s3 = RgwClients.S3(config, RgwClients.Keys(config.Admin));
        while (_undo.TryPop(out var undo))
            await undo(iam, s3, timeout.Token);
    }
}
