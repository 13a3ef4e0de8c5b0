using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Failures;
using AssumeRolePipeline.Pipeline.Safety.IamChanges;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Safety.Readiness;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// Runs one stage's Pulumi operation or state read, the same way for every operation the pipeline has
/// (deploy, preview, destroy and the ones built on them): timed, masked, every failure a failed report,
/// and every failure path secret-safe. Also the wait for IAM that precedes an unprivileged stage.
/// </summary>
public sealed class StageRunner
{
    /// <summary>How long the state read after a failure may take: it runs even when the run was cancelled.</summary>
    private static readonly TimeSpan StateReadAfterFailureTimeout = TimeSpan.FromMinutes(2);

    private readonly IStackOperator _stacks;
    private readonly ICredentialReadiness _readiness;
    private readonly SecretMasker _masker;
    private readonly IPipelineOutput _output;
    private readonly TimeProvider _time;

    public StageRunner(IStackOperator stacks, ICredentialReadiness readiness, SecretMasker masker, IPipelineOutput output, TimeProvider time)
    {
        _stacks = stacks;
        _readiness = readiness;
        _masker = masker;
        _output = output;
        _time = time;
    }

    /// <summary>Waits until IAM accepts the key and lets it assume the role; the failure's masked message otherwise.</summary>
    public async Task<(ReadinessResult? Result, string? Failure)> WaitForIamAsync(PipelineSettings settings,
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
    /// state cannot be read, Pulumi's text is withheld rather than shown unmasked. A preview's report
    /// carries its IAM changes; any operation's, the policy pack's violations.
    /// </summary>
    public async Task<(StackReport Report, StackOperationResult? Result)> RunAsync(StackRequest request, StackOperation operation,
        CancellationToken cancellationToken)
    {
        var (report, result, _) = await RunCoreAsync(request, operation, holdLines: request.Project == CreateRoleContract.ProjectName,
            showLinesOnSuccess: true, cancellationToken).ConfigureAwait(false);
        return (report, result);
    }

    /// <summary>
    /// An update (<see cref="StackOperation.Up"/> or <see cref="StackOperation.Remediate"/>) that runs only after a
    /// preview of the same request passed: the engine's update never previews (<c>--skip-preview</c>), so a mandatory
    /// policy violation would otherwise stop it halfway. The preview's IAM changes go on the report, and an update of
    /// a deployed stack whose preview broadens IAM access (or may) stops unless <paramref name="allowIamBroadening"/>.
    /// </summary>
    public async Task<(StackReport Report, StackOperationResult? Result)> UpdateAsync(StackRequest request, StackOperation operation,
        bool allowIamBroadening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (operation is not (StackOperation.Up or StackOperation.Remediate))
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "Only an update is previewed first.");

        // The preview's lines are held: the update prints the same diff; a failed preview shows them once its secrets are known.
        var (preview, previewResult, review) = await RunCoreAsync(request, StackOperation.Preview, holdLines: true, showLinesOnSuccess: false,
            cancellationToken).ConfigureAwait(false);
        if (previewResult is null || review is null)
            return (preview with { Operation = operation }, null);

        if (review.Stops(request.DisplayName, allowIamBroadening) is { } stop)
            return (FailedReport(request, operation, _masker.Redact(stop), preview.Duration) with { IamChanges = preview.IamChanges }, null);
        if (review.FirstDeployment && preview.IamChanges is { Broadens: true })
            _output.Progress($"{request.DisplayName} is deployed for the first time: its IAM policies are deployed as the repository has them.");
        else if (allowIamBroadening && preview.IamChanges is { Broadens: true })
            _output.Warning($"{request.DisplayName}: the preview broadens IAM access (or may); going on, as {IamBroadeningGate.AllowFlag} allows.");

        var (report, result) = await RunAsync(request, operation, cancellationToken).ConfigureAwait(false);
        return (report with { IamChanges = preview.IamChanges }, result);
    }

    private async Task<(StackReport Report, StackOperationResult? Result, IamReview? Review)> RunCoreAsync(StackRequest request,
        StackOperation operation, bool holdLines, bool showLinesOnSuccess, CancellationToken cancellationToken)
    {
        _output.Progress($"{operation} {request.DisplayName}…");
        var held = holdLines ? new HeldLines() : null;
        var violations = new PolicyViolations();
        var run = request with
        {
            OnOutput = held is null ? request.OnOutput : held.Add,
            OnPolicyViolation = violations.Add,
            // Only a preview and an update run the pack: a destroy, a refresh and a drift check deploy nothing of the program.
            PolicyPacks = StackRequests.RunsPolicyPack(operation) ? request.PolicyPacks : [],
        };
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
            var found = violations.Masked(_masker, secretsKnown);
            var failed = FailedOperation(request, operation, e, secretsKnown, duration);
            var mandatory = found.Where(v => v.Mandatory).Select(v => v.Line).ToList();
            if (mandatory.Count > 0)
                failed = failed with { Note = FailureNote.Cap("policy violations: " + string.Join("\n", mandatory)) };
            return (failed with { PolicyViolations = found }, null, null);
        }

        foreach (var output in result.Outputs.Values.Where(o => o.IsSecret))
            _masker.Add(output.Value);
        if (showLinesOnSuccess)
            held?.Release(PulumiLine);
        var review = operation == StackOperation.Preview ? IamReview.Of(result.Steps, _masker) : null;
        var report = new StackReport(request.Project, request.Stack, operation, StackOutcome.Succeeded, result.Counts,
            result.Changes, [], _masker.Redact(result.Log), _time.GetElapsedTime(start))
        {
            IamChanges = review?.Reported,
            PolicyViolations = violations.Masked(_masker, secretsKnown: true),
            Note = review?.Failure is { } failure ? $"the IAM changes could not be reviewed: {failure}" : null,
        };
        return (report, result, review);
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

    /// <summary>Reads a stack's state and masks every secret in it (<see cref="StateReader"/>); a state that cannot be read stops the run.</summary>
    public Task<StackState> ReadStateAsync(StackRequest request, CancellationToken cancellationToken) =>
        new StateReader(_stacks, _masker).ReadAsync(request, cancellationToken);

    private void MaskSecrets(StackState state) => StateReader.MaskSecrets(state, _masker);

    public static StackReport FailedReport(StackRequest request, StackOperation operation, string note, TimeSpan duration, string log = "") =>
        new(request.Project, request.Stack, operation, StackOutcome.Failed, ImmutableDictionary<ChangeKind, int>.Empty, [], [],
            log, duration, FailureNote.Cap(note));

    /// <summary>One line of Pulumi's, masked, to the output: every request's <c>OnOutput</c>.</summary>
    public void PulumiLine(string line) => _output.PulumiLine(_masker.Redact(line));

    /// <summary>The violations an operation reported; the engine reports them from its own threads.</summary>
    private sealed class PolicyViolations
    {
        private readonly List<PolicyViolation> _found = [];

        public void Add(PolicyViolation violation)
        {
            lock (_found)
                _found.Add(violation);
        }

        /// <summary>Masked; a message is withheld when the stack's secrets are not known (the state could not be read).</summary>
        public ImmutableArray<PolicyViolation> Masked(SecretMasker masker, bool secretsKnown)
        {
            lock (_found)
            {
                return
                [
                    .. _found.Select(v => new PolicyViolation(masker.Redact(v.Policy), masker.Redact(v.Resource),
                        secretsKnown ? masker.Redact(v.Message) : "message withheld: the stack's state could not be read to mask it",
                        v.Mandatory)),
                ];
            }
        }
    }

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
