using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary>The Verify target's proof (<see cref="LeastPrivilegeVerifier"/>) for the deployed stack pair, with a given key.</summary>
public sealed class LeastPrivilegeKeyVerifier : IKeyVerifier
{
    private readonly IStackOperator _stacks;
    private readonly IAwsClientFactory _clients;
    private readonly SecretMasker _masker;

    public LeastPrivilegeKeyVerifier(IStackOperator stacks, IAwsClientFactory clients, SecretMasker masker)
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
