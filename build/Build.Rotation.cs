using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.GitHub;
using AssumeRolePipeline.Pipeline.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Rotation;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Verification;
using Nuke.Common;
using KeyAgeLimit = AssumeRolePipeline.Pipeline.Rotation.MaxKeyAge;

/// <summary>
/// Key rotation: <c>RotateKey</c> replaces the unprivileged user's access key and proves the new one in one
/// run; on GitHub the privileged job runs <c>RotateKeyCreateRole HandOff</c>, the unprivileged job
/// <c>RotateKeyAssumeRole</c>. Every decision is the library's (<see cref="KeyRotation"/>).
/// </summary>
sealed partial class Build
{
    [Parameter("RotateKey, RotateKeyCreateRole: rotate only a key older than this many days (1 to 3650). Default: rotate now")]
    readonly int? MaxKeyAge;

    Target RotateKey => _ => _
        .Description("Replaces the unprivileged user's access key, then waits for IAM, runs Verify and previews assume-role with the new key")
        .Executes(async () =>
        {
            var maxKeyAge = Guarded(() => KeyAgeLimit.Parse(MaxKeyAge));
            var settings = Settings(privileged: true);
            await FinishRotation(await Guarded(() => Rotation(settings).RotateAsync(settings, maxKeyAge, CancellationToken.None)));
        });

    Target RotateKeyCreateRole => _ => _
        .Description("CI, privileged job: replaces create-role's access key (run HandOff after it); sets the step output rotated=true|false")
        .Before(HandOff)
        .Executes(async () =>
        {
            var maxKeyAge = Guarded(() => KeyAgeLimit.Parse(MaxKeyAge));
            var settings = Settings(privileged: true);
            var run = await Guarded(() => Rotation(settings).ReplaceKeyAsync(settings, maxKeyAge, CancellationToken.None));
            CreateRoleStage = run.Run.Stages[0];
            // Plain on purpose: whether the unprivileged job has a new key to prove.
            if (OnGitHubActions && Guarded(() => GitHubContext.FromEnvironment(Env)).OutputPath is { } output)
                new EnvironmentFileWriter(output).Set("rotated", run.Replaced ? "true" : "false");
            await FinishRotation(run);
        });

    Target RotateKeyAssumeRole => _ => _
        .Description("CI, unprivileged job: with the handed-off (new) key, waits for IAM, runs Verify and previews assume-role")
        .After(HandOff)
        .Executes(async () =>
        {
            var settings = Settings(privileged: false);
            var credentials = await Guarded(() => UnprivilegedCredentialsAsync(Pipeline(settings), settings, StackOperation.Up))
                              ?? throw new ExplainedFailure($"create-role/{settings.Stack} exports no credentials, so there is no new key to check: " +
                                                            "run RotateKey (or UpCreateRole) first.");
            await FinishRotation(await Guarded(() => Rotation(settings).CheckNewKeyAsync(settings, credentials, CancellationToken.None)));
        });

    KeyRotation Rotation(PipelineSettings settings)
    {
        var output = new ConsolePipelineOutput(Terminal);
        var verifier = new LeastPrivilegeKeyVerifier(Stacks, new AwsClientFactory(), Masker);
        return new KeyRotation(Stacks, Readiness(settings, output), verifier, Masker, output, TimeProvider.System);
    }

    async Task FinishRotation(KeyRotationRun run)
    {
        if (run.Verification is { } verification)
        {
            VerificationConsoleReport.Write(Terminal, verification);
            await PublishVerificationAsync(verification);
        }

        await Finish(run.Run);
    }

    /// <summary>The key's age where create-role's outputs are reported; on GitHub also a warning annotation past 90 days.</summary>
    static PipelineRun WithKeyAge(PipelineRun run)
    {
        var (noted, warning) = KeyAgeNote.Annotate(run, TimeProvider.System.GetUtcNow());
        if (warning is not null && OnGitHubActions)
            WorkflowCommands.Warning(warning, title: "Access key age");
        return noted;
    }
}
