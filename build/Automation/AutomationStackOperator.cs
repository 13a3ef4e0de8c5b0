using System.Collections.Immutable;
using System.ComponentModel;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;
using Pulumi.Automation;
using Pulumi.Automation.Commands;
using Pulumi.Automation.Commands.Exceptions;
using Pulumi.Automation.Events;

/// <summary>
/// The pipeline's stack operations over the Pulumi Automation API (local program, the Pulumi CLI). It only maps to and
/// from the SDK's types; which operation runs, what the events mean and whether a stack exists are decided in
/// <see cref="CliStackOperator"/>.
/// </summary>
sealed class AutomationStackOperator(CancellationToken runCancellation) : CliStackOperator
{
    /// <summary>
    /// One CLI for the whole build run: without it every workspace runs <c>pulumi version</c> first. Created on first
    /// use, so that a run that never reaches Pulumi never starts it, with the run's cancellation.
    /// </summary>
    readonly Lazy<Task<LocalPulumiCommand>> _cli = new(() => CreateCliAsync(runCancellation));

    protected override Task<OperationOutcome> PreviewAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            using var stack = await StackAsync(request, cancellationToken);
            var preview = await stack.PreviewAsync(Shared(new PreviewOptions { Diff = true }, request, events), cancellationToken);
            return OperationOutcome.Of(preview.ChangeSummary, null, preview.StandardOutput);
        });

    protected override Task<OperationOutcome> UpAsync(StackRequest request, bool refresh, EngineEventCollector events, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            using var stack = await StackAsync(request, cancellationToken);
            var up = await stack.UpAsync(Shared(new UpOptions { Diff = true, Refresh = refresh, Replace = [.. request.Replace] }, request, events),
                cancellationToken);
            return OperationOutcome.Of(up.Summary.ResourceChanges, up.Outputs.Select(o => KeyValuePair.Create(o.Key, ((object?)o.Value.Value, o.Value.IsSecret))),
                up.StandardOutput);
        });

    protected override Task<OperationOutcome> DestroyAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            using var stack = await StackAsync(request, cancellationToken);
            var destroy = await stack.DestroyAsync(Shared(new DestroyOptions(), request, events), cancellationToken);
            return OperationOutcome.Of(destroy.Summary.ResourceChanges, null, destroy.StandardOutput);
        });

    protected override Task<OperationOutcome> RefreshAsync(StackRequest request, EngineEventCollector events, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            using var stack = await StackAsync(request, cancellationToken);
            var refresh = await stack.RefreshAsync(Shared(new RefreshOptions(), request, events), cancellationToken);
            return OperationOutcome.Of<OperationType>(null, null, refresh.StandardOutput);
        });

    protected override Task<OperationOutcome> RunCliAsync(StackRequest request, ImmutableArray<string> arguments, EngineEventCollector events,
        CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            // Selects the stack and sets its config, as every operation does, before the CLI call on it.
            using var stack = await StackAsync(request, cancellationToken);
            var result = await (await _cli.Value).RunAsync(arguments, request.WorkDir, new Dictionary<string, string?>(request.Environment),
                request.OnOutput, request.OnOutput, Feed(events), cancellationToken);
            return OperationOutcome.Of<OperationType>(null, null, result.StandardOutput);
        });

    protected override Task<string> ExportStackAsync(StackRequest request, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            using var workspace = await WorkspaceAsync(request.WorkDir, request.Environment, cancellationToken);
            return (await workspace.ExportStackAsync(request.Stack, cancellationToken)).Json.GetRawText();
        });

    public override Task<IReadOnlyList<ListedStack>> ListStacksAsync(StackProject project, CancellationToken cancellationToken) =>
        Classified<IReadOnlyList<ListedStack>>(async () =>
        {
            using var workspace = await WorkspaceAsync(project.WorkDir, project.Environment, cancellationToken);
            // `pulumi stack ls --json`: name, last update and resource count, without reading any state.
            return [.. (await workspace.ListStacksAsync(cancellationToken)).Select(s => new ListedStack(s.Name, s.LastUpdate, s.ResourceCount, s.IsUpdateInProgress))];
        });

    public override Task RemoveStackAsync(StackRequest request, CancellationToken cancellationToken) =>
        Classified(async () =>
        {
            using var workspace = await WorkspaceAsync(request.WorkDir, request.Environment, cancellationToken);
            // `pulumi stack rm --yes` without --force: the backend refuses a stack that still has resources.
            await workspace.RemoveStackAsync(request.Stack, cancellationToken);
            return true;
        });

    /// <summary>
    /// The stack, selected (or created) on a workspace made with the one shared CLI, its config set. Not the static
    /// LocalWorkspace.CreateOrSelectStackAsync(LocalProgramArgs): it ignores PulumiCommand and runs `pulumi version` again.
    /// </summary>
    async Task<WorkspaceStack> StackAsync(StackRequest request, CancellationToken cancellationToken)
    {
        var stack = await WorkspaceStack.CreateOrSelectAsync(request.Stack, await WorkspaceAsync(request.WorkDir, request.Environment, cancellationToken),
            cancellationToken);
        await stack.SetAllConfigAsync(request.Config.ToDictionary(c => c.Key, c => new ConfigValue(c.Value.Value, c.Value.IsSecret)), cancellationToken);
        return stack;
    }

    async Task<LocalWorkspace> WorkspaceAsync(string workDir, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken) =>
        await LocalWorkspace.CreateAsync(new LocalWorkspaceOptions
        {
            WorkDir = workDir,
            EnvironmentVariables = new Dictionary<string, string?>(environment),
            PulumiCommand = await _cli.Value,
        }, cancellationToken);

    /// <summary>The options every operation shares: its message, masked output, engine events, policy packs, no colour.</summary>
    static T Shared<T>(T options, StackRequest request, EngineEventCollector events) where T : UpdateOptions
    {
        options.Color = "never";
        options.Message = request.Message;
        options.OnStandardOutput = request.OnOutput;
        options.OnStandardError = request.OnOutput;
        options.OnEvent = Feed(events);
        options.PolicyPacks = [.. request.PolicyPacks];
        return options;
    }

    /// <summary>Each engine event, as it arrives, to the collector: what it carries, nulls included.</summary>
    static Action<EngineEvent> Feed(EngineEventCollector events) => e =>
    {
        var step = e.ResourcePreEvent?.Metadata;
        events.Step(step?.Op.ToString(), step?.Urn, step?.Type, step?.Diffs, step?.DetailedDiff?.Keys, step?.Old?.Inputs, step?.New?.Inputs);
        var outcome = e.ResourceOutputsEvent?.Metadata;
        events.Outcome(outcome?.Op.ToString(), outcome?.Urn, outcome?.Type, outcome?.Diffs, outcome?.DetailedDiff?.Keys, outcome?.New);
        events.Summary(e.SummaryEvent?.ResourceChanges);
        events.Policy(e.PolicyEvent?.ResourceUrn, e.PolicyEvent?.Message, e.PolicyEvent?.PolicyName, e.PolicyEvent?.EnforcementLevel);
    };

    static async Task<LocalPulumiCommand> CreateCliAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await LocalPulumiCommand.CreateAsync(new LocalPulumiCommandOptions(), cancellationToken);
        }
        catch (InvalidOperationException e) // `pulumi version` failed or is too old: the CLI is there but unusable
        {
            throw new StackOperationException(StackFailure.OperationFailed, e.Message, e);
        }
    }

    /// <summary>The SDK's failures as the pipeline's: its message may hold Pulumi's output, which the stage runner masks.</summary>
    static async Task<T> Classified<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ConcurrentUpdateException e)
        {
            throw new StackOperationException(StackFailure.ConcurrentUpdate, e.Message, e);
        }
        catch (CommandException e)
        {
            throw new StackOperationException(StackFailure.OperationFailed, e.Message, e);
        }
        catch (Win32Exception e)
        {
            throw new StackOperationException(StackFailure.CliMissing, e.Message, e);
        }
    }
}
