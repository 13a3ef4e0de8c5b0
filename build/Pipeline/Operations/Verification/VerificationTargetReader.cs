using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>
/// What Verify checks, for the deployed stack pair of these settings: the role and key create-role handed
/// off, the user it made (its name from the settings, its account from the role ARN), and the bucket
/// assume-role exports. Reads state only; nothing reaches AWS here.
/// </summary>
public sealed class VerificationTargetReader
{
    private readonly IStackOperator _stacks;
    private readonly SecretMasker _masker;

    public VerificationTargetReader(IStackOperator stacks, SecretMasker masker)
    {
        _stacks = stacks;
        _masker = masker;
    }

    /// <param name="credentials">The handed-off credentials; null when create-role exports none yet.</param>
    /// <exception cref="ExplainedFailure">Nothing deployed to verify, or the state cannot be read.</exception>
    /// <exception cref="InvalidInputException">A handed-off value is malformed.</exception>
    public async Task<VerificationTarget> ReadAsync(PipelineSettings settings, UnprivilegedCredentials? credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (credentials is null)
        {
            throw new ExplainedFailure($"{CreateRoleContract.ProjectName}/{settings.Stack} exports no credentials, so there is nothing to " +
                                        "verify: deploy both stacks first ('./build.sh Up', or the deploy workflow).");
        }

        _masker.Add(credentials.SecretAccessKey);
        InputRules.Require(credentials.RoleArn, v => InputRules.RoleArn(v, "handed-off role ARN"));
        InputRules.Require(credentials.AccessKeyId, v => InputRules.AccessKeyId(v, "handed-off access key id"));
        InputRules.Require(settings.Region, v => InputRules.RegionInPartition(v!, credentials.RoleArn));

        var request = new StackRequest(AssumeRoleContract.ProjectName, settings.AssumeRoleDirectory, settings.Stack,
            ImmutableDictionary<string, StackConfigValue>.Empty, settings.Backend.Environment, _ => { });
        // As every stage reads it: secrets masked first, and Pulumi's message withheld when it cannot be read.
        var state = await new StateReader(_stacks, _masker).ReadAsync(request, cancellationToken).ConfigureAwait(false);

        var bucket = state.Outputs.GetValueOrDefault(AssumeRoleContract.BucketNameOutput)?.Value;
        if (string.IsNullOrEmpty(bucket))
        {
            throw new ExplainedFailure($"{request.DisplayName} exports no {AssumeRoleContract.BucketNameOutput}, so there is no bucket to " +
                                        "verify with: deploy it first (UpAssumeRole, or './build.sh Up').");
        }

        var userArn = RoleArnParts.Parse(credentials.RoleArn).UserArn(settings.UnprivilegedUserName);
        return new VerificationTarget(settings.Stack, settings.Region, credentials.RoleArn, userArn, bucket,
            InputRules.SessionNameFor(settings.Stack), settings.ExternalId);
    }
}
