using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.Masking;
using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Readiness;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Settings;
using Nuke.Common;
using Spectre.Console;

/// <summary>
/// The stack targets: the whole pipeline for a laptop (Preview, Up, Destroy) and one target per stage
/// and identity for CI jobs. Each is a call into the pipeline library; nothing is decided here.
/// </summary>
sealed partial class Build
{
    [Parameter("Stack name used for both stacks. Default: dev")]
    readonly string? Stack;

    [Parameter("AWS region. Default: AWS_REGION, then AWS_DEFAULT_REGION")]
    readonly string? Region;

    [Parameter("Name of the IAM user create-role makes. Default: assume-role-pipeline-<stack>")]
    readonly string? UnprivilegedUser;

    [Parameter("State backend URL. Default: PULUMI_BACKEND_URL; locally a file backend in .pulumi-state/")]
    readonly string? Backend;

    [Parameter("Seconds to wait for IAM to accept the new key and role. Default: 120")]
    readonly int? ReadinessTimeout;

    [Parameter("External id passed to sts:AssumeRole (optional)")]
    readonly string? ExternalId;

    [Parameter("Session duration of the assumed role, e.g. 1h (optional, 15m to 12h)")]
    readonly string? SessionDuration;

    [Parameter("Destroy create-role even while assume-role still has resources")]
    readonly bool Force;

    [Parameter("Destroy: let assume-role's bucket be deleted with the objects it still holds (updates forceDestroy first)")]
    readonly bool BucketForceDestroy;

    Target Preview => _ => _
        .Description("Previews both stacks, each with its own identity; changes nothing")
        .Executes(() => RunPipeline(privileged: true, (pipeline, settings) => pipeline.PreviewAsync(settings, CancellationToken.None)));

    Target Up => _ => _
        .Description("Deploys create-role with your AWS credentials, waits for IAM, then assume-role with only the new user's keys")
        .Executes(() => RunPipeline(privileged: true, (pipeline, settings) => pipeline.UpAsync(settings, CancellationToken.None)));

    Target Destroy => _ => _
        .Description("Destroys assume-role (with the new user's keys), then create-role; --force skips the safety check")
        .Executes(() => RunPipeline(privileged: true, (pipeline, settings) => pipeline.DestroyAsync(settings, Force, CancellationToken.None)));

    [Parameter("PreviewCreateRole: report assume-role as not previewed (a pull request's unmerged code gets no unprivileged key)")]
    readonly bool SkipAssumeRolePreview;

    Target PreviewCreateRole => _ => _
        .Description("CI, privileged job: previews create-role")
        .Executes(async () =>
        {
            var settings = Settings(privileged: true);
            var createRole = await Guarded(() => Pipeline(settings).RunCreateRoleAsync(settings, StackOperation.Preview, CancellationToken.None));
            await Finish(new PipelineRun(StackOperation.Preview, SkipAssumeRolePreview && !createRole.Failed
                ? [createRole, StackPipeline.AssumeRoleNotPreviewedForUnmergedCode(settings)]
                : [createRole]));
        });

    Target UpCreateRole => _ => _
        .Description("CI, privileged job: deploys create-role (run HandOff after it to pass its outputs on)")
        .Executes(() => RunStage(privileged: true, StackOperation.Up, async (pipeline, settings) =>
            CreateRoleStage = await pipeline.RunCreateRoleAsync(settings, StackOperation.Up, CancellationToken.None)));

    Target DestroyCreateRole => _ => _
        .Description("CI, privileged job: destroys create-role, unless assume-role still has resources (--force)")
        .Executes(() => RunStage(privileged: true, StackOperation.Destroy, (pipeline, settings) =>
            pipeline.DestroyCreateRoleAsync(settings, Force, CancellationToken.None)));

    Target PreviewAssumeRole => _ => _
        .Description("CI, unprivileged job: previews assume-role with the handed-off credentials")
        .Executes(() => RunUnprivilegedStage(StackOperation.Preview));

    Target UpAssumeRole => _ => _
        .Description("CI, unprivileged job: waits for IAM, then deploys assume-role with the handed-off credentials")
        .Executes(() => RunUnprivilegedStage(StackOperation.Up));

    Target DestroyAssumeRole => _ => _
        .Description("CI, unprivileged job: destroys assume-role with the handed-off credentials")
        .Executes(() => RunUnprivilegedStage(StackOperation.Destroy));

    /// <summary>create-role's stage of this run, for the hand-off target that follows it.</summary>
    StageResult? CreateRoleStage;

    /// <summary>On GitHub each secret is registered with the runner (<c>::add-mask::</c>) before anything can print it.</summary>
    readonly SecretMasker Masker = new(OnGitHubActions ? new Action<string>(WorkflowCommands.AddMask) : null);

    static IAnsiConsole Terminal => AnsiConsole.Console;

    static string? Env(string name) => Environment.GetEnvironmentVariable(name);

    /// <summary>One for the whole build run, so that the Pulumi CLI is looked up (<c>pulumi version</c>) once.</summary>
    readonly AutomationStackOperator Stacks = new();

    PipelineSettings Settings(bool privileged) => Guarded(() =>
    {
        var settings = new SettingsResolver(Env).Resolve(
            new PipelineInputs(Stack, Region, UnprivilegedUser, Backend, ReadinessTimeout, ExternalId, SessionDuration),
            RootDirectory, IsServerBuild) with
        {
            UpdateMessage = UpdateMessage.For(Env, UpdateMessage.LocalCommitOf(RootDirectory)),
            BucketForceDestroy = BucketForceDestroy,
        };
        var preflight = new Preflight(Env, File.Exists);
        preflight.RequirePulumiCli();
        if (privileged)
            preflight.RequirePrivilegedAwsCredentials();
        if (settings.Backend.IsLocalDefault)
            PrepareLocalBackend(settings.Backend);
        return settings;
    });

    static void PrepareLocalBackend(StateBackend backend)
    {
        Directory.CreateDirectory(new Uri(backend.Url).LocalPath);
        if (backend.Environment.TryGetValue("PULUMI_CONFIG_PASSPHRASE_FILE", out var file) && file is not null &&
            LocalPassphraseFile.EnsureExists(file))
            Terminal.MarkupLine($"[blue]»[/] Created the passphrase of the local state in {Markup.Escape(file)}; keep it.");
    }

    StackPipeline Pipeline(PipelineSettings settings)
    {
        var output = new ConsolePipelineOutput(Terminal);
        return new StackPipeline(Stacks, Readiness(settings, output), Masker, output, TimeProvider.System);
    }

    static StsCredentialReadiness Readiness(PipelineSettings settings, ConsolePipelineOutput output) =>
        new(ReadinessOptions.Default with { Timeout = settings.ReadinessTimeout }, TimeProvider.System, output.Progress);

    async Task RunPipeline(bool privileged, Func<StackPipeline, PipelineSettings, Task<PipelineRun>> run)
    {
        var settings = Settings(privileged);
        await Finish(await Guarded(() => run(Pipeline(settings), settings)));
    }

    async Task RunStage(bool privileged, StackOperation operation, Func<StackPipeline, PipelineSettings, Task<StageResult>> stage)
    {
        var settings = Settings(privileged);
        await Finish(new PipelineRun(operation, [await Guarded(() => stage(Pipeline(settings), settings))]));
    }

    async Task RunUnprivilegedStage(StackOperation operation)
    {
        var settings = Settings(privileged: false);
        var pipeline = Pipeline(settings);
        var credentials = await Guarded(() => UnprivilegedCredentialsAsync(pipeline, settings, operation));
        await Finish(new PipelineRun(operation, [await Guarded(() => pipeline.RunAssumeRoleAsync(settings, operation, credentials, CancellationToken.None))]));
    }

    /// <summary>
    /// The failures the pipeline explains in its own words (bad input, a missing prerequisite, GitHub's
    /// refusals, a missing or stale hand-off) fail the build with just their message; any other keeps its trace.
    /// </summary>
    static T Guarded<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (ExplainedFailure.Explains(e))
        {
            throw ExplainedFailure.ForBuild(e);
        }
    }

    static async Task<T> Guarded<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (ExplainedFailure.Explains(e))
        {
            throw ExplainedFailure.ForBuild(e);
        }
    }

    static async Task Guarded(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (ExplainedFailure.Explains(e))
        {
            throw ExplainedFailure.ForBuild(e);
        }
    }

    async Task Finish(PipelineRun run)
    {
        run = WithKeyAge(run);
        ConsoleSummary.Write(Terminal, run);
        await PublishOnGitHubAsync(run);
        if (!run.Succeeded)
            throw new ExplainedFailure(run.Failure!);
    }
}
