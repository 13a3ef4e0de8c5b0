using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Safety.Readiness;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Operations.Drift;

/// <summary>
/// Drift of the two stacks, each checked with its own identity as a preview is: create-role with the
/// caller's (privileged) one, assume-role with nothing but the handed-off key, after the IAM wait.
/// <see cref="StackOperation.Drift"/> is a preview-only refresh (nothing changes, in the cloud or in the
/// state), <see cref="StackOperation.Refresh"/> adopts what is in the cloud into the state, and
/// <see cref="StackOperation.Remediate"/> brings the cloud back to the program (an update with refresh).
/// A stack without resources is skipped; a failure is reported, never thrown past.
/// </summary>
public sealed class DriftPipeline
{
    /// <summary>create-role's resources without which the handed-off key cannot reach assume-role's resources.</summary>
    private static readonly ImmutableHashSet<string> IdentityTypes =
        ["aws:iam/user:User", "aws:iam/accessKey:AccessKey", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy"];

    private readonly StageRunner _runner;
    private readonly StackRequests _requests;
    private readonly SecretMasker _masker;

    private readonly bool _allowIamBroadening;

    /// <param name="allowIamBroadening">A remediation of a deployed stack runs even when its preview broadens IAM access.</param>
    public DriftPipeline(IStackOperator stacks, ICredentialReadiness readiness, SecretMasker masker, IPipelineOutput output, TimeProvider time,
        bool allowIamBroadening = false)
    {
        _runner = new StageRunner(stacks, readiness, masker, output, time);
        _allowIamBroadening = allowIamBroadening;
        _requests = new StackRequests(masker, _runner.PulumiLine);
        _masker = masker;
    }

    /// <summary>The operations this pipeline runs.</summary>
    public static ImmutableArray<StackOperation> Operations { get; } = [StackOperation.Drift, StackOperation.Refresh, StackOperation.Remediate];

    /// <summary>
    /// create-role, then assume-role. A drift check and a refresh go on to assume-role after a failed
    /// create-role (each check stands alone); a remediation stops. When create-role's own identity
    /// resources are gone from the cloud, assume-role cannot be reached with the handed-off key and is skipped.
    /// </summary>
    public async Task<PipelineRun> RunAsync(PipelineSettings settings, StackOperation operation, CancellationToken cancellationToken)
    {
        var createRole = await RunCreateRoleAsync(settings, operation, cancellationToken).ConfigureAwait(false);
        if (createRole.Failed && operation == StackOperation.Remediate)
            return new PipelineRun(operation, [createRole]);

        if (operation != StackOperation.Remediate && UnreachableBecause(createRole.Report) is { } missing)
        {
            var reason = $"not checked: {missing} of {createRole.Report.DisplayName} was deleted out of band, so the handed-off key " +
                         "cannot reach this stack. Run Remediate to restore it (it then checks this stack with the restored key).";
            var skipped = new StageResult(Skipped(AssumeRoleContract.ProjectName, settings.Stack, operation, reason));
            return new PipelineRun(operation, [createRole, skipped]);
        }

        var assumeRole = await RunAssumeRoleAsync(settings, operation, createRole.Credentials, cancellationToken).ConfigureAwait(false);
        return new PipelineRun(operation, [createRole, assumeRole]);
    }

    /// <summary>
    /// The privileged stage. Its state is read first (every secret in it masked before Pulumi runs), which
    /// also gives the credentials for the unprivileged stage; after a remediation they come from its outputs.
    /// </summary>
    public async Task<StageResult> RunCreateRoleAsync(PipelineSettings settings, StackOperation operation, CancellationToken cancellationToken)
    {
        Require(operation);
        var request = _requests.CreateRole(settings);
        var state = await _runner.ReadStateAsync(request, cancellationToken).ConfigureAwait(false);
        var credentials = _requests.CredentialsFrom(state.Outputs);
        if (state.ResourceCount == 0)
            return new StageResult(NotDeployed(request, operation, state));

        var (report, result) = await Run(request, operation, cancellationToken).ConfigureAwait(false);
        if (operation == StackOperation.Remediate && result is not null)
            credentials = _requests.CredentialsFrom(result.Outputs) ?? credentials;
        return new StageResult(Masked(WithDrift(report, result?.Drift)), credentials);
    }

    /// <summary>
    /// The unprivileged stage, with nothing but <paramref name="credentials"/>: the IAM wait, then the
    /// operation. Without credentials a stack that still has resources fails, saying what to do.
    /// </summary>
    public async Task<StageResult> RunAssumeRoleAsync(PipelineSettings settings, StackOperation operation,
        UnprivilegedCredentials? credentials, CancellationToken cancellationToken)
    {
        Require(operation);
        var request = _requests.AssumeRole(settings, credentials);
        var state = await _runner.ReadStateAsync(request, cancellationToken).ConfigureAwait(false);
        if (state.ResourceCount == 0)
            return new StageResult(NotDeployed(request, operation, state));
        if (credentials is null)
        {
            return new StageResult(Masked(WithDrift(StageRunner.FailedReport(request, operation,
                $"it has {state.ResourceCount} resources, but there are no unprivileged credentials to reach them with: " +
                $"{CreateRoleContract.ProjectName}/{settings.Stack} exports none, or none were handed off. Run Remediate " +
                "(or the deploy workflow) to restore create-role first.", TimeSpan.Zero), null)));
        }

        var (readiness, failure) = await _runner.WaitForIamAsync(settings, credentials, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return new StageResult(WithDrift(StageRunner.FailedReport(request, operation, failure, TimeSpan.Zero), null));

        var (report, result) = await Run(request, operation, cancellationToken).ConfigureAwait(false);
        return new StageResult(Masked(WithDrift(report, result?.Drift)), Readiness: readiness);
    }

    /// <summary>A remediation is an update: previewed first with the policy pack and the IAM review, as every update is.</summary>
    private Task<(StackReport Report, StackOperationResult? Result)> Run(StackRequest request, StackOperation operation, CancellationToken cancellationToken) =>
        operation == StackOperation.Remediate
            ? _runner.UpdateAsync(request, operation, _allowIamBroadening, cancellationToken)
            : _runner.RunAsync(request, operation, cancellationToken);

    private static void Require(StackOperation operation)
    {
        if (!Operations.Contains(operation))
            throw new ArgumentOutOfRangeException(nameof(operation), operation, $"The drift pipeline runs {string.Join(", ", Operations)} only.");
    }

    /// <summary>
    /// Why assume-role cannot be reached with the handed-off key after this create-role check: the first
    /// identity resource (user, key, role, policy) it found deleted, as "Type 'name'"; null when none was.
    /// A CI job tells the unprivileged job through this (it would otherwise wait out the IAM timeout).
    /// </summary>
    public static string? UnreachableBecause(StackReport createRole) =>
        createRole is null || createRole.Outcome != StackOutcome.Succeeded
            ? null
            : createRole.Findings.Resources
                .Where(r => r.Kind == DriftKind.DeletedOutOfBand && IdentityTypes.Contains(r.Type))
                .Select(r => $"{r.Type[(r.Type.LastIndexOf(':') + 1)..]} '{r.Name}'")
                .FirstOrDefault();

    private static StackReport NotDeployed(StackRequest request, StackOperation operation, StackState state) =>
        Skipped(request.Project, request.Stack, operation, state.Exists
            ? "nothing to check: the stack has no resources"
            : "nothing to check: the stack does not exist (not deployed yet)");

    private static StackReport Skipped(string project, string stack, StackOperation operation, string note) =>
        StackReport.Skipped(project, stack, operation, note) with { Drift = DriftFindings.None };

    /// <summary>A drift operation's report: what it found, and for a remediation what it changed back (else no changes).</summary>
    private static StackReport WithDrift(StackReport report, DriftFindings? drift) => report with
    {
        Drift = drift ?? DriftFindings.None,
        Changes = report.Operation == StackOperation.Remediate ? report.Changes : [],
    };

    /// <summary>
    /// Names come from the engine's events, which the masker has not seen: a name is not a value, but a
    /// map key (a tag's, say) could be chosen by anyone, so each is masked like any text that is shown.
    /// </summary>
    private StackReport Masked(StackReport report) => report with
    {
        Drift = report.Findings with
        {
            Resources = [.. report.Findings.Resources.Select(r => r with
            {
                Type = _masker.Redact(r.Type),
                Name = _masker.Redact(r.Name),
                Properties = [.. r.Properties.Select(_masker.Redact)],
            })],
        },
        Changes = [.. report.Changes.Select(c => c with
        {
            Type = _masker.Redact(c.Type),
            Name = _masker.Redact(c.Name),
            ChangedProperties = c.ChangedProperties.IsDefault ? [] : [.. c.ChangedProperties.Select(_masker.Redact)],
        })],
    };
}
