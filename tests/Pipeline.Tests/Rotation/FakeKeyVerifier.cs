using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Verification;

namespace AssumeRolePipeline.Pipeline.Tests.Rotation;

/// <summary>Verify in memory: every claim holds, or the scripted one fails, or it cannot run at all; each call recorded.</summary>
internal sealed class FakeKeyVerifier : IKeyVerifier
{
    public List<UnprivilegedCredentials> Calls { get; } = [];

    /// <summary>When set, this claim fails with this evidence.</summary>
    public (string Claim, string Evidence)? FalseClaim { get; set; }

    /// <summary>When set, Verify cannot run and throws it (no bucket to verify with, an unreadable state).</summary>
    public Exception? Failure { get; set; }

    public Action<UnprivilegedCredentials>? OnVerify { get; set; }

    public Task<VerificationReport> VerifyAsync(PipelineSettings settings, UnprivilegedCredentials credentials, CancellationToken cancellationToken)
    {
        Calls.Add(credentials);
        OnVerify?.Invoke(credentials);
        if (Failure is not null)
            return Task.FromException<VerificationReport>(Failure);
        var target = new VerificationTarget(settings.Stack, settings.Region, credentials.RoleArn,
            $"arn:aws:iam::123456789012:user/{settings.UnprivilegedUserName}", "bucket-9f8e7d", "assume-role-dev");
        CheckedClaim[] claims =
        [
            new(LeastPrivilegeVerifier.KeyIsCreateRolesUser, $"sts:GetCallerIdentity with {credentials.AccessKeyId}", ClaimResult.Holds),
            FalseClaim is { } claim
                ? new(claim.Claim, claim.Evidence, ClaimResult.Fails)
                : new(LeastPrivilegeVerifier.KeyCannotListBuckets, "403 AccessDenied", ClaimResult.Holds),
        ];
        return Task.FromResult(new VerificationReport(target, [.. claims]));
    }
}
