using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// The two stacks' requests for a run: which project, which config, and which identity each runs with.
/// The unprivileged one is stripped of every other AWS credential (see <see cref="UnprivilegedEnvironment"/>).
/// </summary>
public sealed class StackRequests
{
    private readonly SecretMasker _masker;
    private readonly Action<string> _onLine;

    /// <param name="onLine">Receives each line Pulumi prints (see <see cref="StageRunner.PulumiLine"/>).</param>
    public StackRequests(SecretMasker masker, Action<string> onLine)
    {
        _masker = masker;
        _onLine = onLine;
    }

    /// <summary>create-role, run with the caller's (privileged) identity.</summary>
    public StackRequest CreateRole(PipelineSettings settings) => new(
        CreateRoleContract.ProjectName,
        settings.CreateRoleDirectory,
        settings.Stack,
        ImmutableDictionary<string, StackConfigValue>.Empty
            .Add(CreateRoleContract.FullKey(CreateRoleContract.UnprivilegedUsernameKey), new(settings.UnprivilegedUserName))
            .Add(AwsConfigKeys.Region, new(settings.Region)),
        settings.Backend.Environment,
        _onLine,
        settings.UpdateMessage) { PolicyPacks = [PolicyPackDirectory(settings)] };

    /// <summary>
    /// assume-role, run with nothing but <paramref name="credentials"/> (checked, their secret masked); without
    /// credentials a request that can only read the state, which needs the backend and no AWS identity.
    /// </summary>
    public StackRequest AssumeRole(PipelineSettings settings, UnprivilegedCredentials? credentials)
    {
        var config = ImmutableDictionary<string, StackConfigValue>.Empty.Add(AwsConfigKeys.Region, new(settings.Region));
        if (credentials is not null)
        {
            InputRules.Require(credentials.RoleArn, v => InputRules.RoleArn(v, "handed-off role ARN"));
            InputRules.Require(credentials.AccessKeyId, v => InputRules.AccessKeyId(v, "handed-off access key id"));
            InputRules.Require(settings.Region, v => InputRules.RegionInPartition(v!, credentials.RoleArn));
            _masker.Add(credentials.SecretAccessKey);
            config = config.Add(AssumeRoleContract.FullKey(AssumeRoleContract.RoleToAssumeArnKey), new(credentials.RoleArn));
        }

        if (settings.ExternalId is { } externalId)
            config = config.Add(AssumeRoleContract.FullKey(AssumeRoleContract.ExternalIdKey), new(externalId));
        if (settings.SessionDuration is { } duration)
            config = config.Add(AssumeRoleContract.FullKey(AssumeRoleContract.SessionDurationKey), new(duration));
        // Always set, so that a "true" of an earlier run does not linger in the stack's config file.
        config = config.Add(AssumeRoleContract.FullKey(AssumeRoleContract.BucketForceDestroyKey),
            new(settings.BucketForceDestroy ? "true" : "false"));

        // Without credentials the request only reads state, which needs the backend and no AWS identity.
        var environment = credentials is null
            ? settings.Backend.Environment
            : settings.Backend.Environment.SetItems(UnprivilegedEnvironment.For(credentials, settings.Region));
        return new StackRequest(AssumeRoleContract.ProjectName, settings.AssumeRoleDirectory, settings.Stack, config, environment, _onLine,
            settings.UpdateMessage) { PolicyPacks = [PolicyPackDirectory(settings)] };
    }

    /// <summary>The repository's policy pack folder, relative to the repository root.</summary>
    public const string PolicyPackFolder = "policy";

    /// <summary>The policy pack every preview and update of both stacks runs with (README of <c>policy/</c>).</summary>
    public static string PolicyPackDirectory(PipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Path.Combine(settings.RepositoryRoot, PolicyPackFolder);
    }

    /// <summary>
    /// Whether an operation runs the policy pack: a preview, an update and a remediating update do; a destroy, a refresh
    /// and a drift check (nothing of the program is deployed by them) do not.
    /// </summary>
    public static bool RunsPolicyPack(StackOperation operation) =>
        operation is StackOperation.Preview or StackOperation.Up or StackOperation.Remediate;

    /// <summary>create-role's project in the run's backend, to list its stacks.</summary>
    public static StackProject CreateRoleProject(PipelineSettings settings) =>
        new(CreateRoleContract.ProjectName, settings.CreateRoleDirectory, settings.Backend.Environment);

    /// <summary>assume-role's project in the run's backend, to list its stacks.</summary>
    public static StackProject AssumeRoleProject(PipelineSettings settings) =>
        new(AssumeRoleContract.ProjectName, settings.AssumeRoleDirectory, settings.Backend.Environment);

    /// <summary>create-role's three outputs as credentials; the secret is masked before anything can print it.</summary>
    public UnprivilegedCredentials? CredentialsFrom(ImmutableDictionary<string, StackOutputValue> outputs)
    {
        string? Value(string name) => outputs.GetValueOrDefault(name)?.Value;
        var secret = Value(CreateRoleContract.SecretAccessKeyOutput);
        _masker.Add(secret);
        return Value(CreateRoleContract.RoleArnOutput) is { } roleArn && Value(CreateRoleContract.AccessKeyIdOutput) is { } keyId && secret is not null
            ? new UnprivilegedCredentials(roleArn, keyId, secret)
            : null;
    }
}
