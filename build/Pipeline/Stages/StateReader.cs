using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// The one way the pipeline reads a stack's state: every secret in it masked before anything else happens, and a
/// state that cannot be read stopping the run with what to check, never with Pulumi's message, which could hold a
/// secret that cannot be masked without that very state. Every stage and Verify read through it.
/// </summary>
public sealed class StateReader
{
    private readonly IStackOperator _stacks;
    private readonly SecretMasker _masker;

    public StateReader(IStackOperator stacks, SecretMasker masker)
    {
        _stacks = stacks;
        _masker = masker;
    }

    /// <exception cref="ExplainedFailure">The state cannot be read (the CLI is missing, the backend refused).</exception>
    public async Task<StackState> ReadAsync(StackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        StackState state;
        try
        {
            state = await _stacks.GetStateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (StackOperationException e) when (e.Failure == StackFailure.CliMissing)
        {
            throw new ExplainedFailure($"Could not read the state of {request.DisplayName}: the Pulumi CLI could not be started. " +
                                        "Install it (curl -fsSL https://get.pulumi.com | sh) and make sure 'pulumi' is on PATH.", e);
        }
        catch (StackOperationException e)
        {
            throw new ExplainedFailure(
                $"Could not read the state of {request.DisplayName}. Pulumi's message is withheld: it could hold a secret that cannot be " +
                "masked without that state. Common causes: a wrong or missing PULUMI_CONFIG_PASSPHRASE, no login to the backend " +
                $"(PULUMI_ACCESS_TOKEN), a backend URL that does not answer. To see Pulumi's own message: " +
                $"pulumi stack ls --cwd {ProjectDirectoryOf(request)}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug: keep its trace, not its message (the message could quote the state).
            throw new InvalidOperationException(
                $"Unexpected {e.GetType().Name} while reading the state of {request.DisplayName}; its message is withheld as it could " +
                $"quote a secret. This is a bug; its trace:{Environment.NewLine}{e.StackTrace}");
        }

        MaskSecrets(state, _masker);
        return state;
    }

    /// <summary>Registers every secret of <paramref name="state"/> with the masker: its secret outputs and the secrets in its resources.</summary>
    public static void MaskSecrets(StackState state, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(masker);
        foreach (var secret in state.Secrets)
            masker.Add(secret);
        foreach (var output in state.Outputs.Values.Where(o => o.IsSecret))
            masker.Add(output.Value);
    }

    private static string ProjectDirectoryOf(StackRequest request) =>
        request.Project == CreateRoleContract.ProjectName ? CreateRoleContract.ProjectDirectory : AssumeRoleContract.ProjectDirectory;
}
