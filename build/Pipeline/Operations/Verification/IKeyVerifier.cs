using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>Verify, as key rotation runs it with the new key: the real one calls AWS, tests answer in memory.</summary>
public interface IKeyVerifier
{
    /// <exception cref="ExplainedFailure">Nothing deployed to verify, or a stack's state cannot be read.</exception>
    Task<VerificationReport> VerifyAsync(PipelineSettings settings, UnprivilegedCredentials credentials, CancellationToken cancellationToken);
}
