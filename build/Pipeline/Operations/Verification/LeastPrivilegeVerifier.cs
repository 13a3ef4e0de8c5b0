using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>
/// Proves, with real calls and nothing but the handed-off key pair, what the example exists to show on S3: the
/// key alone is refused on S3 (it cannot list buckets or read the bucket), and what it does on S3 it does through
/// the role. It proves nothing of other services: a group membership or an attached policy granting IAM or other
/// rights would pass, since AWSSDK.IdentityManagement is not available to ask IAM about the user.
/// Each claim is checked on its own, whatever the others showed, and becomes a row with its evidence.
/// Nothing waits: Verify runs after the deployment, when IAM has long accepted the key and the role.
/// </summary>
public sealed class LeastPrivilegeVerifier
{
    public const string KeyIsCreateRolesUser = "The key is create-role's user";
    public const string KeyCannotListBuckets = "The key alone cannot list buckets";
    public const string KeyCannotReadBucket = "The key alone cannot read the bucket";
    public const string KeyAssumesRole = "The key can assume the role";
    public const string SessionReadsBucket = "The role session can read the bucket";

    private readonly IAwsClientFactory _clients;
    private readonly SecretMasker _masker;

    /// <param name="masker">Learns the key's secret before any call and the session's when issued; the evidence goes through it.</param>
    public LeastPrivilegeVerifier(IAwsClientFactory clients, SecretMasker masker)
    {
        _clients = clients;
        _masker = masker;
    }

    /// <exception cref="InvalidInputException">The role ARN or the session name is malformed (checked before any call).</exception>
    public async Task<VerificationReport> VerifyAsync(UnprivilegedCredentials credentials, VerificationTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(target);
        var role = RoleArnParts.Parse(target.RoleArn);
        InputRules.Require(target.SessionName, v => InputRules.SessionName(v));
        _masker.Add(credentials.SecretAccessKey);
        var key = new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey);
        var withKey = $"with {credentials.AccessKeyId}";
        var bucket = target.BucketName;

        var identity = await CheckIdentityAsync(key, withKey, target, cancellationToken).ConfigureAwait(false);
        var list = await CheckRefusedAsync(KeyCannotListBuckets, $"s3:ListBuckets {withKey}", key, target.Region,
            async (s3, ct) => $"{(await s3.ListBucketsAsync(ct).ConfigureAwait(false)).Buckets?.Count ?? 0} buckets listed",
            cancellationToken).ConfigureAwait(false);
        var read = await CheckRefusedAsync(KeyCannotReadBucket, $"s3:ListObjectsV2 of {bucket} {withKey}", key, target.Region,
            async (s3, ct) => $"{(await ListAsync(s3, bucket, ct).ConfigureAwait(false)).KeyCount ?? 0} keys listed",
            cancellationToken).ConfigureAwait(false);
        var (assume, session) = await CheckAssumeRoleAsync(key, withKey, target, role, cancellationToken).ConfigureAwait(false);
        var sessionRead = session is null
            ? Row(SessionReadsBucket, "no role session to read with: sts:AssumeRole did not succeed (see above)", ClaimResult.CannotCheck)
            : await CheckSessionReadsAsync(session, target, cancellationToken).ConfigureAwait(false);

        // Masked last, with every secret the run learned: the session's too, wherever an answer repeated it.
        CheckedClaim[] claims = [identity, list, read, assume, sessionRead];
        return new VerificationReport(target, [.. claims.Select(c => c with { Evidence = _masker.Redact(c.Evidence) })]);
    }

    /// <summary>GetCallerIdentity needs no permission: it proves whose key this is, not what it may do.</summary>
    private async Task<CheckedClaim> CheckIdentityAsync(AWSCredentials key, string withKey, VerificationTarget target, CancellationToken cancellationToken)
    {
        var call = $"sts:GetCallerIdentity {withKey}";
        using var sts = _clients.Sts(key, target.Region);
        var (identity, error) = await AwsCall.TryAsync(
            ct => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error.IsForbidden
                ? Row(KeyIsCreateRolesUser, $"{call}: {error}; STS does not accept the key", ClaimResult.Fails)
                : Row(KeyIsCreateRolesUser, $"{call}: {error}; STS did not say whose key it is", ClaimResult.CannotCheck);
        }

        return identity!.Arn == target.ExpectedUserArn
            ? Row(KeyIsCreateRolesUser, $"{call}: {identity.Arn}", ClaimResult.Holds)
            : Row(KeyIsCreateRolesUser, $"{call}: {identity.Arn}, not create-role's user {target.ExpectedUserArn}", ClaimResult.Fails);
    }

    /// <summary>Only a 403 AccessDenied shows the key lacks the right; success, or any other refusal, disproves the claim.</summary>
    private async Task<CheckedClaim> CheckRefusedAsync(string claim, string call, AWSCredentials key, string region,
        Func<IAmazonS3, CancellationToken, Task<string>> attempt, CancellationToken cancellationToken)
    {
        using var s3 = _clients.S3(key, region);
        var (success, error) = await AwsCall.TryAsync(ct => attempt(s3, ct), cancellationToken).ConfigureAwait(false);
        return error switch
        {
            null => Row(claim, $"{call} succeeded ({success}): the key has S3 rights of its own", ClaimResult.Fails),
            { IsAccessDenied: true } => Row(claim, $"{call}: {error}", ClaimResult.Holds),
            { IsForbidden: true } => Row(claim, $"{call}: {error}; refused, but not for lack of permission (AccessDenied)", ClaimResult.Fails),
            { IsClientError: true } => Row(claim, $"{call}: {error}; an answer that says nothing about the key's rights", ClaimResult.CannotCheck),
            _ => Row(claim, $"{call}: {error}", ClaimResult.CannotCheck),
        };
    }

    private async Task<(CheckedClaim Claim, SessionAWSCredentials? Session)> CheckAssumeRoleAsync(AWSCredentials key, string withKey,
        VerificationTarget target, RoleArnParts role, CancellationToken cancellationToken)
    {
        var call = $"sts:AssumeRole of {target.RoleArn} as {target.SessionName} {withKey}";
        using var sts = _clients.Sts(key, target.Region);
        var (response, error) = await AwsCall.TryAsync(ct => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = target.RoleArn,
            RoleSessionName = target.SessionName,
            ExternalId = target.ExternalId,
            DurationSeconds = 900, // the shortest session: it only reads the bucket
        }, ct), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            var result = error.IsForbidden ? ClaimResult.Fails : ClaimResult.CannotCheck;
            return (Row(KeyAssumesRole, $"{call}: {error}", result), null);
        }

        var issued = response!.Credentials;
        _masker.Add(issued.SecretAccessKey);
        _masker.Add(issued.SessionToken);
        var session = new SessionAWSCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken);
        var expected = role.SessionArn(target.SessionName);
        var arn = response.AssumedRoleUser?.Arn;
        return arn == expected
            ? (Row(KeyAssumesRole, $"{call}: session {arn}", ClaimResult.Holds), session)
            : (Row(KeyAssumesRole, $"{call}: session {arn ?? "(no ARN)"}, expected {expected}", ClaimResult.Fails), session);
    }

    /// <summary>Head and list, as the role session: a 4xx on either (denied, or no such bucket) disproves the claim.</summary>
    private async Task<CheckedClaim> CheckSessionReadsAsync(AWSCredentials session, VerificationTarget target, CancellationToken cancellationToken)
    {
        var bucket = target.BucketName;
        using var s3 = _clients.S3(session, target.Region);
        var (_, headError) = await AwsCall.TryAsync(
            ct => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, ct), cancellationToken).ConfigureAwait(false);
        var (listed, listError) = await AwsCall.TryAsync(ct => ListAsync(s3, bucket, ct), cancellationToken).ConfigureAwait(false);

        var evidence = $"s3:HeadBucket of {bucket} as the role session: {headError?.ToString() ?? "200"}; " +
                       $"s3:ListObjectsV2: {listError?.ToString() ?? $"200 ({listed!.KeyCount ?? 0} keys listed)"}";
        AwsError?[] errors = [headError, listError];
        var result = errors.Any(e => e is { IsForbidden: true } or { IsClientError: true }) ? ClaimResult.Fails
            : errors.Any(e => e is not null) ? ClaimResult.CannotCheck
            : ClaimResult.Holds;
        return Row(SessionReadsBucket, evidence, result);
    }

    private static Task<ListObjectsV2Response> ListAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken) =>
        s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 10 }, cancellationToken);

    private static CheckedClaim Row(string claim, string evidence, ClaimResult result) => new(claim, evidence, result);
}
