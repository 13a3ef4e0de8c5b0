using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

/// <summary>Waits until freshly created credentials and the role they may assume actually work.</summary>
public interface ICredentialReadiness
{
    /// <exception cref="CredentialsNotReadyException">Refused past the deadline, or refused for a reason waiting cannot fix.</exception>
    Task<ReadinessResult> WaitAsync(UnprivilegedCredentials credentials, ReadinessTarget target, CancellationToken cancellationToken);
}
