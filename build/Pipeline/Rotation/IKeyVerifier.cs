using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Verification;

namespace AssumeRolePipeline.Pipeline.Rotation;

/// <summary>Verify, as key rotation runs it with the new key: the real one calls AWS, tests answer in memory.</summary>
public interface IKeyVerifier
{
    /// <exception cref="PipelineException">Nothing deployed to verify, or a stack's state cannot be read.</exception>
    Task<VerificationReport> VerifyAsync(PipelineSettings settings, UnprivilegedCredentials credentials, CancellationToken cancellationToken);
}
