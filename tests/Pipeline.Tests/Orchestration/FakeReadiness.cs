using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Readiness;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

/// <summary>Readiness that answers at once (or refuses, when told to) and records what it was asked.</summary>
internal sealed class FakeReadiness : ICredentialReadiness
{
    public List<(UnprivilegedCredentials Credentials, ReadinessTarget Target)> Calls { get; } = [];

    public string? Refusal { get; set; }

    /// <summary>Told of each wait as it starts, e.g. to record the order of a run's steps.</summary>
    public Action<UnprivilegedCredentials>? OnWait { get; set; }

    public ReadinessResult LastResult { get; } = new(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(9), Refusals: 3);

    public Task<ReadinessResult> WaitAsync(UnprivilegedCredentials credentials, ReadinessTarget target, CancellationToken cancellationToken)
    {
        Calls.Add((credentials, target));
        OnWait?.Invoke(credentials);
        return Refusal is null
            ? Task.FromResult(LastResult)
            : Task.FromException<ReadinessResult>(new CredentialsNotReadyException(Refusal));
    }
}
