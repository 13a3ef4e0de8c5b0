using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.Masking;
using AssumeRolePipeline.Pipeline.Readiness;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Orchestration;

/// <summary>
/// Drives the two stacks: create-role with the caller's (privileged) identity, then assume-role with
/// nothing but the key pair create-role made, once IAM accepts it. Each stage can run alone (a CI job
/// per identity) or in sequence (<c>./build.sh Up</c>). A failed stage is reported, never thrown past,
/// and stops the stages after it; only invalid input is thrown, before anything runs.
/// </summary>
public sealed class StackPipeline
{
    /// <summary>How long the state read after a failure may take: it runs even when the run was cancelled.</summary>
    private static readonly TimeSpan StateReadAfterFailureTimeout = TimeSpan.FromMinutes(2);

    private readonly IStackOperator _stacks;
    private readonly ICredentialReadiness _readiness;
    private readonly SecretMasker _masker;
    private readonly IPipelineOutput _output;
    private readonly TimeProvider _time;

    public StackPipeline(IStackOperator stacks, ICredentialReadiness readiness, SecretMasker masker, IPipelineOutput output, TimeProvider time)
    {
        _stacks = stacks;
        _readiness = readiness;
        _masker = masker;
        _output = output;
        _time = time;
    }

    public async Task<PipelineRun> UpAsync(PipelineSettings settings, CancellationToken cancellationToken)
    {
        var createRole = await RunCreateRoleAsync(settings, StackOperation.Up, cancellationToken).ConfigureAwait(false);
        if (createRole.Failed || createRole.Credentials is null)
            return new PipelineRun(StackOperation.Up, [createRole]);
        var assumeRole = await RunAssumeRoleAsync(settings, StackOperation.Up, createRole.Credentials, cancellationToken).ConfigureAwait(false);
        return new PipelineRun(StackOperation.Up, [createRole, assumeRole]);
    }

    public async Task<PipelineRun> PreviewAsync(PipelineSettings settings, CancellationToken cancellationToken)
    {
        var createRole = await RunCreateRoleAsync(settings, StackOperation.Preview, cancellationToken).ConfigureAwait(false);
        if (createRole.Failed)
            return new PipelineRun(StackOperation.Preview, [createRole]);
        var assumeRole = await RunAssumeRoleAsync(settings, StackOperation.Preview, createRole.Credentials, cancellationToken).ConfigureAwait(false);
        return new PipelineRun(StackOperation.Preview, [createRole, assumeRole]);
    }

    /// <summary>assume-role first, with the credentials create-role still holds; then create-role.</summary>
    public async Task<PipelineRun> DestroyAsync(PipelineSettings settings, bool force, CancellationToken cancellationToken)
    {
        var createRoleState = await ReadStateAsync(CreateRoleRequest(settings), cancellationToken).ConfigureAwait(false);
        var credentials = CredentialsFrom(createRoleState.Outputs);
        var assumeRole = await DestroyAssumeRoleAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (assumeRole.Failed && !force)
            return new PipelineRun(StackOperation.Destroy, [assumeRole]);
        var createRole = await DestroyCreateRoleAsync(settings, force, cancellationToken).ConfigureAwait(false);
        return new PipelineRun(StackOperation.Destroy, [assumeRole, createRole]);
    }

    /// <summary>
    /// The credentials create-role currently exports (masked at once), or null before its first
    /// deployment: how a local run of an unprivileged stage on its own finds its identity.
    /// </summary>
    public async Task<UnprivilegedCredentials?> CurrentCredentialsAsync(PipelineSettings settings, CancellationToken cancellationToken) =>
        CredentialsFrom((await ReadStateAsync(CreateRoleRequest(settings), cancellationToken).ConfigureAwait(false)).Outputs);

    /// <summary>
    /// The privileged stage: preview or update create-role. Its credentials come from the update's
    /// outputs, or for a preview from the stack's current outputs (none before the first deployment).
    /// </summary>
    public async Task<StageResult> RunCreateRoleAsync(PipelineSettings settings, StackOperation operation, CancellationToken cancellationToken)
    {
        if (operation == StackOperation.Destroy)
            return await DestroyCreateRoleAsync(settings, force: false, cancellationToken).ConfigureAwait(false);

        var request = CreateRoleRequest(settings);
        // A preview changes no output: read them first, so the current secret is masked before Pulumi runs.
        var current = operation == StackOperation.Preview
            ? (await ReadStateAsync(request, cancellationToken).ConfigureAwait(false)).Outputs
            : null;
        var credentials = current is null ? null : CredentialsFrom(current);
        var (report, result) = await RunAsync(request, operation, cancellationToken).ConfigureAwait(false);
        if (result is null)
            return new StageResult(report);

        var outputs = current ?? result.Outputs;
        if (operation == StackOperation.Up)
            credentials = CredentialsFrom(outputs);
        if (operation == StackOperation.Up && credentials is null)
            return new StageResult(Failed(report, $"the update did not export {string.Join(", ", CreateRoleContract.Outputs.Select(o => o.Name))}"));
        return new StageResult(report with { Outputs = Reported(outputs, CreateRoleContract.Outputs) }, credentials);
    }

    /// <summary>
    /// The unprivileged stage: wait until IAM accepts the handed-off key and lets it assume the role,
    /// then run the operation on assume-role with that identity alone. Without credentials (before the
    /// first deployment) a preview is skipped with the reason, and an update fails saying what to do.
    /// </summary>
    public async Task<StageResult> RunAssumeRoleAsync(PipelineSettings settings, StackOperation operation,
        UnprivilegedCredentials? credentials, CancellationToken cancellationToken)
    {
        if (operation == StackOperation.Destroy)
            return await DestroyAssumeRoleAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (credentials is null)
        {
            var reason = $"{CreateRoleContract.ProjectName}/{settings.Stack} is not deployed yet, so there are no unprivileged " +
                         "credentials to run with; './build.sh Up' (or the deploy workflow) deploys both stacks.";
            var skipped = StackReport.Skipped(AssumeRoleContract.ProjectName, settings.Stack, operation, reason);
            return new StageResult(operation == StackOperation.Preview ? skipped : skipped with { Outcome = StackOutcome.Failed });
        }

        var request = AssumeRoleRequest(settings, credentials);
        var (readiness, failure) = await WaitForIamAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return new StageResult(FailedReport(request, operation, failure, TimeSpan.Zero));

        var (report, result) = await RunAsync(request, operation, cancellationToken).ConfigureAwait(false);
        if (result is null)
            return new StageResult(report, Readiness: readiness);
        var outputs = operation == StackOperation.Up
            ? result.Outputs
            : (await ReadStateAsync(request, cancellationToken).ConfigureAwait(false)).Outputs;
        return new StageResult(report with { Outputs = Reported(outputs, AssumeRoleContract.Outputs) }, Readiness: readiness);
    }

    /// <summary>Destroys assume-role with the unprivileged identity; a stack already empty is reported, not touched.</summary>
    public async Task<StageResult> DestroyAssumeRoleAsync(PipelineSettings settings, UnprivilegedCredentials? credentials, CancellationToken cancellationToken)
    {
        var probe = AssumeRoleRequest(settings, credentials);
        var state = await ReadStateAsync(probe, cancellationToken).ConfigureAwait(false);
        if (state.ResourceCount == 0)
            return new StageResult(AlreadyDestroyed(probe, state));
        if (credentials is null)
        {
            return new StageResult(FailedReport(probe, StackOperation.Destroy,
                $"it still has {state.ResourceCount} resources, but {CreateRoleContract.ProjectName}/{settings.Stack} holds no credentials " +
                "to destroy them with (was it destroyed first?). Deploy create-role again, then destroy in order.", TimeSpan.Zero));
        }

        var (readiness, failure) = await WaitForIamAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return new StageResult(FailedReport(probe, StackOperation.Destroy, failure, TimeSpan.Zero));
        if (settings.BucketForceDestroy)
        {
            // A destroy reads forceDestroy from the bucket's state, not from config: an update has to put it there first.
            _output.Progress($"--bucket-force-destroy: updating {probe.DisplayName} so that its bucket may be deleted with its objects…");
            var (forced, _) = await RunAsync(probe, StackOperation.Up, cancellationToken).ConfigureAwait(false);
            if (forced.Outcome == StackOutcome.Failed)
                return new StageResult(forced with { Operation = StackOperation.Destroy }, Readiness: readiness);
        }

        var (report, _) = await RunAsync(probe, StackOperation.Destroy, cancellationToken).ConfigureAwait(false);
        return new StageResult(report, Readiness: readiness);
    }

    /// <summary>
    /// Destroys create-role, but not while assume-role still has resources: without the role and the
    /// user, nothing could remove them any more. <paramref name="force"/> overrides, and says what is left.
    /// </summary>
    public async Task<StageResult> DestroyCreateRoleAsync(PipelineSettings settings, bool force, CancellationToken cancellationToken)
    {
        var request = CreateRoleRequest(settings);
        var state = await ReadStateAsync(request, cancellationToken).ConfigureAwait(false);
        if (state.ResourceCount == 0)
            return new StageResult(AlreadyDestroyed(request, state));

        var dependent = AssumeRoleRequest(settings, credentials: null);
        var dependentState = await ReadStateAsync(dependent, cancellationToken).ConfigureAwait(false);
        string? leftBehind = null;
        if (dependentState.ResourceCount > 0)
        {
            if (!force)
            {
                return new StageResult(FailedReport(request, StackOperation.Destroy,
                    $"not destroyed: {dependent.DisplayName} still has {dependentState.ResourceCount} resources, and without this stack's " +
                    "role and user nothing could remove them. Destroy assume-role first ('./build.sh Destroy' does both in order), " +
                    "or pass --force to destroy create-role anyway.", TimeSpan.Zero));
            }

            leftBehind = $"forced: {dependent.DisplayName} still has {dependentState.ResourceCount} resources (its S3 bucket among them); " +
                         "they are left behind in AWS and must be removed by hand.";
            _output.Warning(leftBehind);
        }

        var (report, _) = await RunAsync(request, StackOperation.Destroy, cancellationToken).ConfigureAwait(false);
        return new StageResult(leftBehind is null || report.Note is not null ? report : report with { Note = leftBehind });
    }

    private async Task<(ReadinessResult? Result, string? Failure)> WaitForIamAsync(PipelineSettings settings,
        UnprivilegedCredentials credentials, CancellationToken cancellationToken)
    {
        var target = new ReadinessTarget(settings.Region, credentials.RoleArn, InputRules.SessionNameFor(settings.Stack), settings.ExternalId);
        _output.Progress($"Checking that IAM accepts {credentials.AccessKeyId} and lets it assume {credentials.RoleArn}…");
        try
        {
            var result = await _readiness.WaitAsync(credentials, target, cancellationToken).ConfigureAwait(false);
            _output.Progress($"IAM is ready after {Seconds(result.Total)} ({result.Refusals} refusals waited out).");
            return (result, null);
        }
        catch (CredentialsNotReadyException e)
        {
            return (null, _masker.Redact(e.Message));
        }
    }

    /// <summary>
    /// Runs one operation, timing it and turning every failure into a failed, masked report. Every
    /// secret output is masked before the operation's text is used. create-role's lines are held back
    /// until its secrets are known: its first update is where the new secret key is born, and Pulumi's
    /// own output is treated as possibly holding it. On any failure (a CLI error, an exception of any
    /// kind, a cancellation) the stack's state is read first and every secret in it masked; where the
    /// state cannot be read, Pulumi's text is withheld rather than shown unmasked.
    /// </summary>
    private async Task<(StackReport Report, StackOperationResult? Result)> RunAsync(StackRequest request, StackOperation operation,
        CancellationToken cancellationToken)
    {
        _output.Progress($"{operation} {request.DisplayName}…");
        var held = request.Project == CreateRoleContract.ProjectName ? new HeldLines() : null;
        var run = held is null ? request : request with { OnOutput = held.Add };
        var start = _time.GetTimestamp();
        StackOperationResult result;
        try
        {
            result = await _stacks.RunAsync(run, operation, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every exception, a bug's too, is a path a secret can take: it ends as a masked report.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var duration = _time.GetElapsedTime(start);
            var secretsKnown = await LearnSecretsAfterFailureAsync(request).ConfigureAwait(false);
            if (held is not null && secretsKnown)
                held.Release(PulumiLine);
            else if (held is { Count: > 0 })
                _output.Warning($"Withheld {held.Count} lines of Pulumi's output of {request.DisplayName}: its state could not be read " +
                                "after the failure, so a secret they may hold could not be masked.");
            return (FailedOperation(request, operation, e, secretsKnown, duration), null);
        }

        foreach (var output in result.Outputs.Values.Where(o => o.IsSecret))
            _masker.Add(output.Value);
        held?.Release(PulumiLine);
        var report = new StackReport(request.Project, request.Stack, operation, StackOutcome.Succeeded, result.Counts,
            result.Changes, [], _masker.Redact(result.Log), _time.GetElapsedTime(start));
        return (report, result);
    }

    /// <summary>Reads the stack's state after a failure and masks every secret in it; false when it cannot be read.</summary>
    private async Task<bool> LearnSecretsAfterFailureAsync(StackRequest request)
    {
        // Not the run's token: a cancelled run must still learn its secrets before it prints anything.
        using var timeout = new CancellationTokenSource(StateReadAfterFailureTimeout, _time);
        try
        {
            MaskSecrets(await _stacks.GetStateAsync(request, timeout.Token).ConfigureAwait(false));
            return true;
        }
#pragma warning disable CA1031 // Whatever went wrong, the answer is the same: the state is unknown, so the text is withheld.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>The failed report of an operation: a short note with the cause, and the full masked text in its log.</summary>
    private StackReport FailedOperation(StackRequest request, StackOperation operation, Exception failure, bool secretsKnown, TimeSpan duration)
    {
        var verb = operation.ToString().ToLowerInvariant();
        switch (failure)
        {
            case StackOperationException { Failure: StackFailure.ConcurrentUpdate }:
                return FailedReport(request, operation,
                    $"another update holds the lock of {request.DisplayName} (Pulumi's 409 Conflict). Wait for it to finish; if none is " +
                    "running, release the lock with 'pulumi cancel' (Pulumi Cloud) or by deleting the stack's lock file under .pulumi/locks " +
                    "in a self-managed backend.", duration);
            case StackOperationException { Failure: StackFailure.CliMissing }:
                return FailedReport(request, operation,
                    "the Pulumi CLI could not be started. Install it (curl -fsSL https://get.pulumi.com | sh, or see " +
                    "https://www.pulumi.com/docs/install/) and make sure 'pulumi' is on PATH.", duration);
            case OperationCanceledException:
                return FailedReport(request, operation,
                    $"the {verb} was cancelled. If Pulumi reports the stack locked on the next run, release it with 'pulumi cancel' " +
                    "(Pulumi Cloud) or 'pulumi stack export | pulumi stack import' (self-managed backend).", duration);
        }

        if (!secretsKnown)
        {
            return FailedReport(request, operation,
                $"the {verb} failed, and the state of {request.DisplayName} could not be read afterwards, so Pulumi's output is withheld " +
                "(it could hold a secret that could not be masked). Check the state backend and its credentials, then run again.", duration);
        }

        if (failure is StackOperationException operationFailure)
        {
            var log = _masker.Redact(operationFailure.Message);
            var cause = FailureNote.Summarize(log) ?? "Pulumi gave no reason";
            return FailedReport(request, operation,
                $"{verb} failed: {cause}. Pulumi's full output is above (and in the job summary's log).", duration, log);
        }

        // Not one of ours: a bug. Its trace stays (masked) in the log and on the console, for the bug report.
        var trace = _masker.Redact(failure.ToString());
        _output.Warning($"Unexpected {failure.GetType().Name} during the {verb} of {request.DisplayName} (a bug; please report it with this trace):\n{trace}");
        return FailedReport(request, operation,
            $"{verb} failed with an unexpected {failure.GetType().Name}: {FailureNote.Summarize(_masker.Redact(failure.Message)) ?? "no message"}. " +
            "This is a bug in the pipeline; the trace is in the log.", duration, trace);
    }

    /// <summary>
    /// Reads a stack's state and masks every secret in it. A state that cannot be read stops the run; Pulumi's
    /// message is withheld, as it could hold a secret that cannot be masked without that very state.
    /// </summary>
    private async Task<StackState> ReadStateAsync(StackRequest request, CancellationToken cancellationToken)
    {
        StackState state;
        try
        {
            state = await _stacks.GetStateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (StackOperationException e) when (e.Failure == StackFailure.CliMissing)
        {
            throw new PipelineException($"Could not read the state of {request.DisplayName}: the Pulumi CLI could not be started. " +
                                        "Install it (curl -fsSL https://get.pulumi.com | sh) and make sure 'pulumi' is on PATH.", e);
        }
        catch (StackOperationException e)
        {
            throw new PipelineException(
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

        MaskSecrets(state);
        return state;
    }

    private void MaskSecrets(StackState state)
    {
        foreach (var secret in state.Secrets)
            _masker.Add(secret);
        foreach (var output in state.Outputs.Values.Where(o => o.IsSecret))
            _masker.Add(output.Value);
    }

    private static string ProjectDirectoryOf(StackRequest request) =>
        request.Project == CreateRoleContract.ProjectName ? CreateRoleContract.ProjectDirectory : AssumeRoleContract.ProjectDirectory;

    private StackRequest CreateRoleRequest(PipelineSettings settings) => new(
        CreateRoleContract.ProjectName,
        settings.CreateRoleDirectory,
        settings.Stack,
        ImmutableDictionary<string, StackConfigValue>.Empty
            .Add(CreateRoleContract.FullKey(CreateRoleContract.UnprivilegedUsernameKey), new(settings.UnprivilegedUserName))
            .Add(AwsConfigKeys.Region, new(settings.Region)),
        settings.Backend.Environment,
        PulumiLine,
        settings.UpdateMessage);

    private StackRequest AssumeRoleRequest(PipelineSettings settings, UnprivilegedCredentials? credentials)
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
        return new StackRequest(AssumeRoleContract.ProjectName, settings.AssumeRoleDirectory, settings.Stack, config, environment, PulumiLine,
            settings.UpdateMessage);
    }

    /// <summary>create-role's three outputs as credentials; the secret is masked before anything can print it.</summary>
    private UnprivilegedCredentials? CredentialsFrom(ImmutableDictionary<string, StackOutputValue> outputs)
    {
        string? Value(string name) => outputs.GetValueOrDefault(name)?.Value;
        var secret = Value(CreateRoleContract.SecretAccessKeyOutput);
        _masker.Add(secret);
        return Value(CreateRoleContract.RoleArnOutput) is { } roleArn && Value(CreateRoleContract.AccessKeyIdOutput) is { } keyId && secret is not null
            ? new UnprivilegedCredentials(roleArn, keyId, secret)
            : null;
    }

    private void PulumiLine(string line) => _output.PulumiLine(_masker.Redact(line));

    private static ImmutableArray<ReportedOutput> Reported(ImmutableDictionary<string, StackOutputValue> outputs, ImmutableArray<StackOutput> contract) =>
        contract.Where(o => outputs.ContainsKey(o.Name))
            .Select(o => ReportedOutput.Of(o.Name, outputs[o.Name].Value, o.IsSecret || outputs[o.Name].IsSecret))
            .ToImmutableArray();

    private static StackReport AlreadyDestroyed(StackRequest request, StackState state) =>
        StackReport.Skipped(request.Project, request.Stack, StackOperation.Destroy,
            state.Exists ? "already destroyed: the stack has no resources" : "already destroyed: the stack does not exist");

    private static StackReport FailedReport(StackRequest request, StackOperation operation, string note, TimeSpan duration, string log = "") =>
        new(request.Project, request.Stack, operation, StackOutcome.Failed, ImmutableDictionary<ChangeKind, int>.Empty, [], [],
            log, duration, FailureNote.Cap(note));

    private static StackReport Failed(StackReport report, string note) => report with { Outcome = StackOutcome.Failed, Note = FailureNote.Cap(note) };

    /// <summary>Lines held back until the operation's secrets are known; Pulumi writes them from its own threads.</summary>
    private sealed class HeldLines
    {
        private readonly List<string> _lines = [];

        public int Count
        {
            get
            {
                lock (_lines)
                    return _lines.Count;
            }
        }

        public void Add(string line)
        {
            lock (_lines)
                _lines.Add(line);
        }

        public void Release(Action<string> write)
        {
            lock (_lines)
            {
                _lines.ForEach(write);
                _lines.Clear();
            }
        }
    }

    private static string Seconds(TimeSpan wait) => $"{wait.TotalSeconds:0.0} s";
}
