using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using AssumeRolePipeline.Pipeline.Drift;
using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Reporting;
using Pulumi.Automation;
using Pulumi.Automation.Commands;
using Pulumi.Automation.Commands.Exceptions;
using Pulumi.Automation.Events;

/// <summary>
/// The pipeline's "operate on a stack" over the Pulumi Automation API (local program, the Pulumi CLI).
/// Only maps to and from Automation API types; every decision is made in the pipeline library.
/// </summary>
sealed class AutomationStackOperator : IStackOperator
{
    /// <summary>
    /// One CLI for the whole build run: without it every workspace runs <c>pulumi version</c> first. Created on
    /// first use, so that a run that never reaches Pulumi never starts it.
    /// </summary>
    readonly Lazy<Task<LocalPulumiCommand>> _cli = new(() => CreateCliAsync());

    public async Task<StackOperationResult> RunAsync(StackRequest request, StackOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            // The static LocalWorkspace.CreateOrSelectStackAsync(LocalProgramArgs) ignores PulumiCommand and runs
            // `pulumi version` again: the stack is selected on a workspace made with the one shared CLI instead.
            using var stack = await WorkspaceStack.CreateOrSelectAsync(request.Stack,
                await WorkspaceAsync(request.WorkDir, request.Environment, cancellationToken), cancellationToken);
            await stack.SetAllConfigAsync(
                request.Config.ToDictionary(c => c.Key, c => new ConfigValue(c.Value.Value, c.Value.IsSecret)), cancellationToken);

            var changes = new ResourceChangeCollector();
            // A refresh reports drift in two shapes (op Refresh with a diff, or its result as Update/Delete), in
            // the step's pre event or its outputs event; the collector reads them all, names only.
            var drift = new DriftCollector();
            void OnEvent(EngineEvent e)
            {
                if (e.ResourcePreEvent?.Metadata is { } step)
                {
                    changes.Add(step.Op.ToString(), step.Urn, step.Type, Names(step.Diffs));
                    drift.Add(step.Op.ToString(), step.Urn, step.Type, Names(step.Diffs), step.DetailedDiff?.Keys);
                }

                if (e.ResourceOutputsEvent?.Metadata is { } outcome)
                {
                    drift.Add(outcome.Op.ToString(), outcome.Urn, outcome.Type, Names(outcome.Diffs), outcome.DetailedDiff?.Keys,
                        gone: outcome.Op == OperationType.Refresh && outcome.New is null);
                }

                if (e.SummaryEvent is { } summary)
                    drift.AddSummary(summary.ResourceChanges);
            }

            switch (operation)
            {
                case StackOperation.Preview:
                    var preview = await stack.PreviewAsync(new PreviewOptions
                    {
                        Diff = true, Color = "never", Message = request.Message, OnStandardOutput = request.OnOutput, OnStandardError = request.OnOutput, OnEvent = OnEvent,
                    }, cancellationToken);
                    return new(ResourceChangeCollector.Counts(preview.ChangeSummary), changes.ToImmutable(), NoOutputs, preview.StandardOutput);
                case StackOperation.Up:
                    var up = await stack.UpAsync(new UpOptions
                    {
                        Diff = true, Color = "never", Message = request.Message, OnStandardOutput = request.OnOutput, OnStandardError = request.OnOutput, OnEvent = OnEvent,
                        Replace = request.Replace.IsDefaultOrEmpty ? null : request.Replace.ToList(),
                    }, cancellationToken);
                    return new(ResourceChangeCollector.Counts(up.Summary.ResourceChanges), changes.ToImmutable(), Outputs(up.Outputs), up.StandardOutput);
                case StackOperation.Destroy:
                    var destroy = await stack.DestroyAsync(new DestroyOptions
                    {
                        Color = "never", Message = request.Message, OnStandardOutput = request.OnOutput, OnStandardError = request.OnOutput, OnEvent = OnEvent,
                    }, cancellationToken);
                    return new(ResourceChangeCollector.Counts(destroy.Summary.ResourceChanges), changes.ToImmutable(), NoOutputs, destroy.StandardOutput);
                case StackOperation.Drift:
                    // PulumiArguments says why this is not RefreshAsync: the CLI refuses what PreviewOnly sends. A
                    // preview-only refresh writes no history entry either, so drift comes from the events alone.
                    var check = await (await _cli.Value).RunAsync(PulumiArguments.PreviewOnlyRefresh(request.Stack, request.Message), request.WorkDir,
                        new Dictionary<string, string?>(request.Environment), request.OnOutput, request.OnOutput, OnEvent, cancellationToken);
                    return new(ImmutableDictionary<ChangeKind, int>.Empty, [], NoOutputs, check.StandardOutput) { Drift = drift.ToFindings() };
                case StackOperation.Refresh:
                    var refresh = await stack.RefreshAsync(new RefreshOptions
                    {
                        Color = "never", Message = request.Message, OnStandardOutput = request.OnOutput, OnStandardError = request.OnOutput, OnEvent = OnEvent,
                    }, cancellationToken);
                    return new(ImmutableDictionary<ChangeKind, int>.Empty, [], NoOutputs, refresh.StandardOutput) { Drift = drift.ToFindings() };
                case StackOperation.Remediate:
                    // `up --refresh`: refresh first, then update the cloud back to the program, in one operation.
                    var remediate = await stack.UpAsync(new UpOptions
                    {
                        Refresh = true,
                        Diff = true, Color = "never", Message = request.Message, OnStandardOutput = request.OnOutput, OnStandardError = request.OnOutput, OnEvent = OnEvent,
                    }, cancellationToken);
                    return new(ResourceChangeCollector.Counts(remediate.Summary.ResourceChanges), changes.ToImmutable(), Outputs(remediate.Outputs),
                        remediate.StandardOutput);
                default:
                    throw new ArgumentOutOfRangeException(nameof(operation), operation, "No Pulumi operation is mapped to this one.");
            }
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            throw failure;
        }
    }

    public async Task<StackState> GetStateAsync(StackRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var workspace = await LocalWorkspace.CreateAsync(new LocalWorkspaceOptions
            {
                WorkDir = request.WorkDir,
                EnvironmentVariables = new Dictionary<string, string?>(request.Environment),
                PulumiCommand = await _cli.Value,
            }, cancellationToken);
            // Names come back qualified on Pulumi Cloud ("org/dev"), plain on self-managed backends.
            var shortName = request.Stack.Split('/')[^1];
            var exists = (await workspace.ListStacksAsync(cancellationToken))
                .Any(s => s.Name == request.Stack || s.Name.Split('/')[^1] == shortName);
            if (!exists)
                return StackState.Missing;
            // One `stack export --show-secrets`: outputs, resource count and every secret, in one CLI call.
            var deployment = await workspace.ExportStackAsync(request.Stack, cancellationToken);
            return StackStateExport.Read(deployment.Json.GetRawText());
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            throw failure;
        }
    }

    public async Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken)
    {
        try
        {
            using var workspace = await WorkspaceAsync(project.WorkDir, project.Environment, cancellationToken);
            // `pulumi stack ls --json`: name, last update and resource count, without reading any state.
            return (await workspace.ListStacksAsync(cancellationToken))
                .Select(s => new ListedStack(s.Name, s.LastUpdate, s.ResourceCount, s.IsUpdateInProgress))
                .ToList();
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            throw failure;
        }
    }

    public async Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var workspace = await WorkspaceAsync(request.WorkDir, request.Environment, cancellationToken);
            // `pulumi stack rm --yes` without --force: the backend refuses a stack that still has resources.
            await workspace.RemoveStackAsync(request.Stack, cancellationToken);
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            throw failure;
        }
    }

    async Task<LocalWorkspace> WorkspaceAsync(string workDir, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken) =>
        await LocalWorkspace.CreateAsync(new LocalWorkspaceOptions
        {
            WorkDir = workDir,
            EnvironmentVariables = new Dictionary<string, string?>(environment),
            PulumiCommand = await _cli.Value,
        }, cancellationToken);

    static async Task<LocalPulumiCommand> CreateCliAsync()
    {
        try
        {
            return await LocalPulumiCommand.CreateAsync(new LocalPulumiCommandOptions(), CancellationToken.None);
        }
        catch (InvalidOperationException e) // `pulumi version` failed or is too old: the CLI is there but unusable
        {
            throw new StackOperationException(StackFailure.OperationFailed, e.Message, e);
        }
    }

    /// <summary>A step's property names; a default array (never filled in) as none.</summary>
    static IEnumerable<string>? Names(ImmutableArray<string>? names) => names is { IsDefault: false } filled ? filled : null;

    static ImmutableDictionary<string, StackOutputValue> NoOutputs => ImmutableDictionary<string, StackOutputValue>.Empty;

    static ImmutableDictionary<string, StackOutputValue> Outputs(IEnumerable<KeyValuePair<string, OutputValue>>? outputs) =>
        (outputs ?? []).ToImmutableDictionary(
            o => o.Key,
            o => new StackOutputValue(Convert.ToString(o.Value.Value, CultureInfo.InvariantCulture), o.Value.IsSecret));

    static StackOperationException? Classify(Exception e) => e switch
    {
        ConcurrentUpdateException => new StackOperationException(StackFailure.ConcurrentUpdate, e.Message, e),
        CommandException => new StackOperationException(StackFailure.OperationFailed, e.Message, e),
        Win32Exception => new StackOperationException(StackFailure.CliMissing, e.Message, e),
        _ => null,
    };
}
