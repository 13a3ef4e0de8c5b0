using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>
/// Verify for the deployed stack pair with a given key: its target read from the state, then the proof
/// (<see cref="LeastPrivilegeVerifier"/>). The Verify target and key rotation both prove a key this way.
/// </summary>
public sealed class DeployedPairVerifier : IKeyVerifier
{
    private readonly IStackOperator _stacks;
    private readonly IAwsClientFactory _clients;
    private readonly SecretMasker _masker;

    public DeployedPairVerifier(IStackOperator stacks, IAwsClientFactory clients, SecretMasker masker)
    {
        _stacks = stacks;
        _clients = clients;
        _masker = masker;
    }

    public async Task<VerificationReport> VerifyAsync(PipelineSettings settings, UnprivilegedCredentials credentials, CancellationToken cancellationToken)
    {
        var target = await new VerificationTargetReader(_stacks, _masker).ReadAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        return await new LeastPrivilegeVerifier(_clients, _masker).VerifyAsync(credentials, target, cancellationToken).ConfigureAwait(false);
    }
}
