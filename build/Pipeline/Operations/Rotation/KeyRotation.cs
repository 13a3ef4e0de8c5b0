using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Safety.Failures;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Safety.Readiness;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary>
/// Replaces the unprivileged user's access key so that no run ever holds a deleted key: create-role is
/// updated with the key replaced (Pulumi creates the new key before it deletes the old one), then, with
/// the new key alone, the wait for IAM, Verify, and a preview of assume-role. On GitHub the two sides run
/// in two jobs (<see cref="ReplaceKeyAsync"/>, the hand-off, <see cref="CheckNewKeyAsync"/>); locally
/// <see cref="RotateAsync"/> runs both. A step that fails ends the rotation with a report saying where it
/// stopped, what is already done and what the next run will do.
/// </summary>
public sealed class KeyRotation
{
    private readonly StageRunner _runner;
    private readonly StackRequests _requests;
    private readonly IKeyVerifier _verifier;
    private readonly SecretMasker _masker;
    private readonly IPipelineOutput _output;
    private readonly TimeProvider _time;

    public KeyRotation(IStackOperator stacks, ICredentialReadiness readiness, IKeyVerifier verifier, SecretMasker masker,
        IPipelineOutput output, TimeProvider time)
    {
        _runner = new StageRunner(stacks, readiness, masker, output, time);
        _requests = new StackRequests(masker, _runner.PulumiLine);
        _verifier = verifier;
        _masker = masker;
        _output = output;
        _time = time;
    }

    /// <summary>The whole rotation in one run: replace, then wait for IAM, Verify and preview with the new key.</summary>
    /// <param name="maxKeyAge">Rotate only a key older than this (<see cref="MaxKeyAge.Parse"/>); null rotates now.</param>
    public async Task<KeyRotationRun> RotateAsync(PipelineSettings settings, TimeSpan? maxKeyAge, CancellationToken cancellationToken)
    {
        var replaced = await ReplaceKeyAsync(settings, maxKeyAge, cancellationToken).ConfigureAwait(false);
        if (!replaced.Succeeded || !replaced.Replaced)
            return replaced;
        var checkedKey = await CheckNewKeyAsync(settings, replaced.Credentials!, cancellationToken).ConfigureAwait(false);
        return checkedKey with
        {
            Run = replaced.Run with { Stages = [.. replaced.Run.Stages, .. checkedKey.Run.Stages] },
            Decision = replaced.Decision,
        };
    }

    /// <summary>
    /// The privileged side: reads create-role's key (its secret masked before Pulumi prints a line), decides
    /// by its age, and updates create-role with the key resource replaced.
    /// </summary>
    /// <exception cref="ExplainedFailure">create-role exports no key to rotate, or its state cannot be read.</exception>
    public async Task<KeyRotationRun> ReplaceKeyAsync(PipelineSettings settings, TimeSpan? maxKeyAge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = _requests.CreateRole(settings);
        var state = await _runner.ReadStateAsync(request, cancellationToken).ConfigureAwait(false);
        var current = _requests.CredentialsFrom(state.Outputs) ?? throw new ExplainedFailure(
            $"{request.DisplayName} exports no access key, so there is none to rotate: deploy it first ('./build.sh Up', or the deploy workflow).");

        var created = KeyAge.Parse(state.Outputs.GetValueOrDefault(CreateRoleContract.AccessKeyCreatedOutput)?.Value);
        var decision = RotationDecision.For(current.AccessKeyId, created, maxKeyAge, _time.GetUtcNow());
        _output.Progress(decision.Reason);
        if (!decision.Rotate)
        {
            var skipped = StackReport.Skipped(request.Project, request.Stack, StackOperation.Up, decision.Reason);
            return new KeyRotationRun(Run(new StageResult(skipped, current)), decision);
        }

        var replace = request with { Replace = [CreateRoleContract.AccessKeyUrn(settings.Stack)] };
        var (report, result) = await _runner.RunAsync(replace, StackOperation.Up, cancellationToken).ConfigureAwait(false);
        if (result is null)
            return Stopped(RotationStep.Replace, report with { Note = ReplaceFailed(settings, current, report) }, decision);

        var fresh = _requests.CredentialsFrom(result.Outputs);
        if (fresh is null || fresh.AccessKeyId == current.AccessKeyId)
        {
            var problem = fresh is null
                ? "the update exported no key"
                : $"the update succeeded, but create-role still exports {current.AccessKeyId}: Pulumi replaced no resource named " +
                  $"{CreateRoleContract.AccessKeyUrn(settings.Stack)} (the stack must name its key CreateRoleContract.AccessKeyResourceName)";
            return Stopped(RotationStep.Replace, report with { Outcome = StackOutcome.Failed, Note = FailureNote.Cap(
                $"Key rotation of {settings.Stack} stopped while replacing the key: {problem}. Nothing was handed off or verified.") }, decision);
        }

        _output.Progress($"Replaced the access key: create-role now exports {fresh.AccessKeyId}; {current.AccessKeyId} is deleted.");
        var reported = report with { Outputs = StackPipeline.Reported(result.Outputs, CreateRoleContract.Outputs) };
        return new KeyRotationRun(Run(new StageResult(reported, fresh)), decision);
    }

    /// <summary>
    /// The unprivileged side, with the new key alone: wait until IAM accepts it and lets it assume the role,
    /// prove least privilege with it, and preview assume-role with it.
    /// </summary>
    public async Task<KeyRotationRun> CheckNewKeyAsync(PipelineSettings settings, UnprivilegedCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);
        var request = _requests.AssumeRole(settings, credentials);
        var key = credentials.AccessKeyId;
        var done = $"The old key is deleted; create-role exports the new key {key} (on GitHub: handed off to the unprivileged environment).";
        var rotateAgain = "A new RotateKey would replace the key once more.";

        var (readiness, notReady) = await _runner.WaitForIamAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (notReady is not null)
        {
            return Stopped(RotationStep.Readiness, StageRunner.FailedReport(request, StackOperation.Preview,
                $"Key rotation of {settings.Stack} stopped after the key was replaced, waiting for IAM to accept {key}: {notReady} {done} " +
                "Verify and the preview of assume-role did not run. To resume with this key, run Verify once IAM accepts it (or Up, " +
                $"which waits for IAM again). {rotateAgain}", TimeSpan.Zero));
        }

        _output.Progress($"Verifying least privilege with {key}…");
        VerificationReport? verification = null;
        string? unproven;
        try
        {
            verification = await _verifier.VerifyAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
            unproven = verification.Failure;
        }
        catch (ExplainedFailure e)
        {
            unproven = _masker.Redact(e.Message);
        }

        if (unproven is not null)
        {
            return Stopped(RotationStep.Verify, StageRunner.FailedReport(request, StackOperation.Preview,
                $"Key rotation of {settings.Stack} stopped at Verify, with the new key in place: {unproven} {done} The preview of " +
                $"assume-role did not run. Fix what Verify found, then run Verify to resume. {rotateAgain}", TimeSpan.Zero),
                verification: verification);
        }

        var (report, result) = await _runner.RunAsync(request, StackOperation.Preview, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return Stopped(RotationStep.Preview, report with
            {
                Note = FailureNote.Cap($"Key rotation of {settings.Stack} stopped at its last step, the preview of assume-role with {key}: " +
                                       $"{report.Note} The key is replaced, IAM accepts it and Verify proved least privilege with it. " +
                                       $"To resume: PreviewAssumeRole, or Up. {rotateAgain}"),
            }, verification: verification);
        }

        return new KeyRotationRun(Run(new StageResult(report, Readiness: readiness)), Verification: verification);
    }

    /// <summary>
    /// Why the replacement failed. IAM's refusal of a third key gets its own explanation: it means someone
    /// added a key by hand, and only a person can tell which one to delete.
    /// </summary>
    private static string ReplaceFailed(PipelineSettings settings, UnprivilegedCredentials current, StackReport report)
    {
        var user = settings.UnprivilegedUserName;
        string[] markers = ["LimitExceeded", "AccessKeysPerUser"];
        if (markers.Any(m => report.Note?.Contains(m, StringComparison.Ordinal) == true || report.Log.Contains(m, StringComparison.Ordinal)))
        {
            return FailureNote.Cap(
                $"Key rotation of {settings.Stack} stopped while replacing the key: IAM refused a new access key for the user {user} " +
                "(LimitExceeded: AccessKeysPerUser). IAM allows two access keys per user, and a replacement needs both for a moment, so " +
                $"the user already has a second key, added by hand. List them with 'aws iam list-access-keys --user-name {user}' and " +
                $"delete the one that is not {current.AccessKeyId} (the key create-role exports): 'aws iam delete-access-key " +
                $"--user-name {user} --access-key-id <the other key id>'. Nothing changed: {current.AccessKeyId} is still the key in " +
                "use. Then run RotateKey again.");
        }

        return FailureNote.Cap(
            $"Key rotation of {settings.Stack} stopped while replacing the key (create-role's update): {report.Note} Nothing was handed " +
            "off or verified. What Pulumi finished is in create-role's state: if the new key was made, create-role exports it, and an " +
            "old key left pending deletion goes with the next update. The next RotateKey replaces the key again; UpCreateRole (or Up) " +
            "only completes what is pending.");
    }

    /// <summary>A rotation's run: its stages are updates and previews, but a reader is told of a key rotation.</summary>
    private static PipelineRun Run(StageResult stage) => new(StackOperation.Up, [stage]) { Name = "Key rotation" };

    private static KeyRotationRun Stopped(RotationStep step, StackReport report, RotationDecision? decision = null,
        VerificationReport? verification = null) =>
        new(Run(new StageResult(report with { Outcome = StackOutcome.Failed })), decision, verification, step);
}
