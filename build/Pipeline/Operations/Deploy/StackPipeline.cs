using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Failures;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Safety.Readiness;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Operations.Deploy;

/// <summary>
/// Drives the two stacks: create-role with the caller's (privileged) identity, then assume-role with
/// nothing but the key pair create-role made, once IAM accepts it. Each stage can run alone (a CI job
/// per identity) or in sequence (<c>./build.sh Up</c>). A failed stage is reported, never thrown past,
/// and stops the stages after it; only invalid input is thrown, before anything runs.
/// </summary>
public sealed class StackPipeline
{
    private readonly StageRunner _runner;
    private readonly StackRequests _requests;
    private readonly IPipelineOutput _output;
    private readonly bool _allowIamBroadening;

    /// <param name="allowIamBroadening">
    /// <c>--allow-iam-broadening</c>: an update of a deployed stack whose preview broadens IAM access runs anyway (the
    /// workflows pass it: the change was reviewed in its pull request). Without it such an update stops before it runs.
    /// </param>
    public StackPipeline(IStackOperator stacks, ICredentialReadiness readiness, SecretMasker masker, IPipelineOutput output, TimeProvider time,
        bool allowIamBroadening = false)
    {
        _runner = new StageRunner(stacks, readiness, masker, output, time);
        _requests = new StackRequests(masker, _runner.PulumiLine);
        _output = output;
        _allowIamBroadening = allowIamBroadening;
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
        var createRoleState = await _runner.ReadStateAsync(_requests.CreateRole(settings), cancellationToken).ConfigureAwait(false);
        var credentials = _requests.CredentialsFrom(createRoleState.Outputs);
        var assumeRole = await DestroyAssumeRoleAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (assumeRole.Failed && !force)
            return new PipelineRun(StackOperation.Destroy, [assumeRole]);
        var createRole = await DestroyCreateRoleAsync(settings, force, cancellationToken).ConfigureAwait(false);
        return new PipelineRun(StackOperation.Destroy, [assumeRole, createRole]);
    }

    /// <summary>
    /// assume-role's part of a preview of code that is not merged: it gets no unprivileged key (README:
    /// Threat model), so the report says it was skipped and why, and the PR comment shows that section.
    /// </summary>
    public static StageResult AssumeRoleNotPreviewedForUnmergedCode(PipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new StageResult(StackReport.Skipped(AssumeRoleContract.ProjectName, settings.Stack, StackOperation.Preview,
            "not previewed: the pull request's code is not merged, and unmerged code never gets the unprivileged key " +
            "(README: Threat model). It is previewed on the default branch and deployed after the merge."));
    }

    /// <summary>
    /// The credentials create-role currently exports (masked at once), or null before its first
    /// deployment: how a local run of an unprivileged stage on its own finds its identity.
    /// </summary>
    public async Task<UnprivilegedCredentials?> CurrentCredentialsAsync(PipelineSettings settings, CancellationToken cancellationToken) =>
        _requests.CredentialsFrom((await _runner.ReadStateAsync(_requests.CreateRole(settings), cancellationToken).ConfigureAwait(false)).Outputs);

    /// <summary>
    /// The privileged stage: preview or update create-role. Its credentials come from the update's
    /// outputs, or for a preview from the stack's current outputs (none before the first deployment).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Any other operation: a destroy is <see cref="DestroyCreateRoleAsync"/>.</exception>
    public async Task<StageResult> RunCreateRoleAsync(PipelineSettings settings, StackOperation operation, CancellationToken cancellationToken)
    {
        if (operation is not (StackOperation.Preview or StackOperation.Up))
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "create-role's stage previews or updates; DestroyCreateRoleAsync destroys.");

        var request = _requests.CreateRole(settings);
        // A preview changes no output: read them first, so the current secret is masked before Pulumi runs.
        var current = operation == StackOperation.Preview
            ? (await _runner.ReadStateAsync(request, cancellationToken).ConfigureAwait(false)).Outputs
            : null;
        var credentials = current is null ? null : _requests.CredentialsFrom(current);
        var (report, result) = await RunAsync(request, operation, cancellationToken).ConfigureAwait(false);
        if (result is null)
            return new StageResult(report);

        var outputs = current ?? result.Outputs;
        if (operation == StackOperation.Up)
            credentials = _requests.CredentialsFrom(outputs);
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

        var request = _requests.AssumeRole(settings, credentials);
        var (readiness, failure) = await _runner.WaitForIamAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return new StageResult(StageRunner.FailedReport(request, operation, failure, TimeSpan.Zero));

        var (report, result) = await RunAsync(request, operation, cancellationToken).ConfigureAwait(false);
        if (result is null)
            return new StageResult(report, Readiness: readiness);
        var outputs = operation == StackOperation.Up
            ? result.Outputs
            : (await _runner.ReadStateAsync(request, cancellationToken).ConfigureAwait(false)).Outputs;
        return new StageResult(report with { Outputs = Reported(outputs, AssumeRoleContract.Outputs) }, Readiness: readiness);
    }

    /// <summary>Destroys assume-role with the unprivileged identity; a stack already empty is reported, not touched.</summary>
    public async Task<StageResult> DestroyAssumeRoleAsync(PipelineSettings settings, UnprivilegedCredentials? credentials, CancellationToken cancellationToken)
    {
        var probe = _requests.AssumeRole(settings, credentials);
        var state = await _runner.ReadStateAsync(probe, cancellationToken).ConfigureAwait(false);
        if (state.ResourceCount == 0)
            return new StageResult(AlreadyDestroyed(probe, state));
        if (credentials is null)
        {
            return new StageResult(StageRunner.FailedReport(probe, StackOperation.Destroy,
                $"it still has {state.ResourceCount} resources, but {CreateRoleContract.ProjectName}/{settings.Stack} holds no credentials " +
                "to destroy them with (was it destroyed first?). Deploy create-role again, then destroy in order.", TimeSpan.Zero));
        }

        var (readiness, failure) = await _runner.WaitForIamAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return new StageResult(StageRunner.FailedReport(probe, StackOperation.Destroy, failure, TimeSpan.Zero));
        if (settings.BucketForceDestroy)
        {
            // A destroy reads forceDestroy from the bucket's state, not from config: an update has to put it there first.
            _output.Progress($"--bucket-force-destroy: updating {probe.DisplayName} so that its bucket may be deleted with its objects…");
            var (forced, _) = await RunAsync(probe, StackOperation.Up, cancellationToken).ConfigureAwait(false);
            if (forced.Outcome == StackOutcome.Failed)
                return new StageResult(forced with { Operation = StackOperation.Destroy }, Readiness: readiness);
        }

        var (report, _) = await _runner.RunAsync(probe, StackOperation.Destroy, cancellationToken).ConfigureAwait(false);
        return new StageResult(report, Readiness: readiness);
    }

    /// <summary>
    /// Destroys create-role, but not while assume-role still has resources: without the role and the
    /// user, nothing could remove them any more. <paramref name="force"/> overrides, and says what is left.
    /// </summary>
    public async Task<StageResult> DestroyCreateRoleAsync(PipelineSettings settings, bool force, CancellationToken cancellationToken)
    {
        var request = _requests.CreateRole(settings);
        var state = await _runner.ReadStateAsync(request, cancellationToken).ConfigureAwait(false);
        if (state.ResourceCount == 0)
            return new StageResult(AlreadyDestroyed(request, state));

        var dependent = _requests.AssumeRole(settings, credentials: null);
        var dependentState = await _runner.ReadStateAsync(dependent, cancellationToken).ConfigureAwait(false);
        string? leftBehind = null;
        if (dependentState.ResourceCount > 0)
        {
            if (!force)
            {
                return new StageResult(StageRunner.FailedReport(request, StackOperation.Destroy,
                    $"not destroyed: {dependent.DisplayName} still has {dependentState.ResourceCount} resources, and without this stack's " +
                    "role and user nothing could remove them. Destroy assume-role first ('./build.sh Destroy' does both in order), " +
                    "or pass --force to destroy create-role anyway.", TimeSpan.Zero));
            }

            leftBehind = $"forced: {dependent.DisplayName} still has {dependentState.ResourceCount} resources (its S3 bucket among them); " +
                         "they are left behind in AWS and must be removed by hand.";
            _output.Warning(leftBehind);
        }

        var (report, _) = await _runner.RunAsync(request, StackOperation.Destroy, cancellationToken).ConfigureAwait(false);
        return new StageResult(leftBehind is null || report.Note is not null ? report : report with { Note = leftBehind });
    }

    /// <summary>A preview as it is; an update only after a preview of it passed (the policy pack, the IAM gate).</summary>
    private Task<(StackReport Report, StackOperationResult? Result)> RunAsync(StackRequest request, StackOperation operation,
        CancellationToken cancellationToken) =>
        operation == StackOperation.Up
            ? _runner.UpdateAsync(request, operation, _allowIamBroadening, cancellationToken)
            : _runner.RunAsync(request, operation, cancellationToken);

    internal static ImmutableArray<ReportedOutput> Reported(ImmutableDictionary<string, StackOutputValue> outputs, ImmutableArray<StackOutput> contract) =>
        contract.Where(o => outputs.ContainsKey(o.Name))
            .Select(o => ReportedOutput.Of(o.Name, outputs[o.Name].Value, o.IsSecret || outputs[o.Name].IsSecret))
            .ToImmutableArray();

    private static StackReport AlreadyDestroyed(StackRequest request, StackState state) =>
        StackReport.Skipped(request.Project, request.Stack, StackOperation.Destroy,
            state.Exists ? "already destroyed: the stack has no resources" : "already destroyed: the stack does not exist");

    private static StackReport Failed(StackReport report, string note) => report with { Outcome = StackOutcome.Failed, Note = FailureNote.Cap(note) };

}
