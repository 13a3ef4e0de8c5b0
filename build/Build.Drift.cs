using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Drift;
using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.GitHub;
using AssumeRolePipeline.Pipeline.GitHub.Issues;
using AssumeRolePipeline.Pipeline.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Settings;
using Nuke.Common;
using Spectre.Console;

/// <summary>
/// The drift targets: check both stacks for drift (exit code 0 none, 2 drift found, anything else an
/// error), adopt the cloud into the state, or bring the cloud back to the program; one target per stage
/// and identity for CI jobs; and the GitHub issue per stack, written by a job of its own.
/// </summary>
sealed partial class Build
{
    [Parameter("Folder of the drift report files: written by the drift targets, read by PublishDriftIssues. Default: .nuke/temp/drift-reports")]
    readonly string? DriftReports;

    Target Drift => _ => _
        .Description("Checks both stacks for drift, each with its own identity (a preview-only refresh; changes nothing). Exit code: 0 no drift, 2 drift found, other: error")
        .Executes(() => RunDrift(StackOperation.Drift));

    Target Refresh => _ => _
        .Description("Adopts what is in the cloud into both stacks' state (a refresh)")
        .Executes(() => RunDrift(StackOperation.Refresh));

    Target Remediate => _ => _
        .Description("Brings the cloud back to the program in both stacks (an update with refresh)")
        .Executes(() => RunDrift(StackOperation.Remediate));

    Target DriftCreateRole => _ => _
        .Description("CI, privileged job: checks create-role for drift (exit code 0 none, 2 drift found)")
        .Executes(() => RunPrivilegedDriftStage(StackOperation.Drift));

    Target RefreshCreateRole => _ => _
        .Description("CI, privileged job: adopts the cloud into create-role's state")
        .Executes(() => RunPrivilegedDriftStage(StackOperation.Refresh));

    Target RemediateCreateRole => _ => _
        .Description("CI, privileged job: brings create-role back to the program (run HandOff after it: a re-created key is new)")
        .Executes(() => RunPrivilegedDriftStage(StackOperation.Remediate));

    Target DriftAssumeRole => _ => _
        .Description("CI, unprivileged job: checks assume-role for drift with the handed-off credentials (exit code 0 none, 2 drift found)")
        .Executes(() => RunUnprivilegedDriftStage(StackOperation.Drift));

    Target RefreshAssumeRole => _ => _
        .Description("CI, unprivileged job: adopts the cloud into assume-role's state with the handed-off credentials")
        .Executes(() => RunUnprivilegedDriftStage(StackOperation.Refresh));

    Target RemediateAssumeRole => _ => _
        .Description("CI, unprivileged job: brings assume-role back to the program with the handed-off credentials")
        .Executes(() => RunUnprivilegedDriftStage(StackOperation.Remediate));

    Target PublishDriftIssues => _ => _
        .Description("CI, issues job: opens, updates or closes one GitHub issue per stack from the drift report files (needs issues: write)")
        .Executes(async () =>
        {
            var reports = Guarded(() => DriftReportFile.ReadAll(DriftReportDirectory));
            var github = Guarded(() => GitHubContext.FromEnvironment(Env));
            var token = Env("GITHUB_TOKEN");
            if (string.IsNullOrEmpty(token))
            {
                throw ExplainedFailure.ForBuild(new InvalidInputException(new InputError("GITHUB_TOKEN", null,
                    "the workflow's token, passed in the step's environment, from a job with 'permissions: issues: write'")));
            }

            var publisher = new DriftIssuePublisher(GitHubConnections.CreateClient(github.ApiUrl, token));
            foreach (var report in reports)
            {
                var outcome = await Guarded(() => publisher.PublishAsync(github.Owner, github.Repository, report, github.RunUrl, CancellationToken.None));
                Terminal.MarkupLine($"{Markup.Escape(report.DisplayName)}: drift issue {Markup.Escape(IssueWords(outcome))}");
            }
        });

    string DriftReportDirectory => DriftReports ?? Path.Combine(RootDirectory, ".nuke", "temp", "drift-reports");

    DriftPipeline DriftPipelineFor(PipelineSettings settings)
    {
        var output = new ConsolePipelineOutput(Terminal);
        return new DriftPipeline(Stacks, Readiness(settings, output), Masker, output, TimeProvider.System);
    }

    async Task RunDrift(StackOperation operation)
    {
        var settings = Settings(privileged: true);
        FinishDrift(await Guarded(() => DriftPipelineFor(settings).RunAsync(settings, operation, CancellationToken.None)));
    }

    async Task RunPrivilegedDriftStage(StackOperation operation)
    {
        var settings = Settings(privileged: true);
        var stage = await Guarded(() => DriftPipelineFor(settings).RunCreateRoleAsync(settings, operation, CancellationToken.None));
        // The unprivileged job skips its check when create-role's identity is gone (the step output says so).
        if (OnGitHubActions && Env("GITHUB_OUTPUT") is { Length: > 0 } outputs)
            new EnvironmentFileWriter(outputs).Set("assume-role-reachable", DriftPipeline.UnreachableBecause(stage.Report) is null ? "true" : "false");
        FinishDrift(new DriftRun(operation, [stage]));
    }

    async Task RunUnprivilegedDriftStage(StackOperation operation)
    {
        var settings = Settings(privileged: false);
        // The hand-off is read as for the other unprivileged stages; a remediation needs it, as an update does.
        var credentials = await Guarded(() => UnprivilegedCredentialsAsync(Pipeline(settings), settings,
            operation == StackOperation.Remediate ? StackOperation.Up : operation));
        var stage = await Guarded(() => DriftPipelineFor(settings).RunAssumeRoleAsync(settings, operation, credentials, CancellationToken.None));
        FinishDrift(new DriftRun(operation, [stage]));
    }

    /// <summary>
    /// The summary, the report files (for the issue job), the job summary on GitHub; then the exit code:
    /// a failed stack fails the build (NUKE's -1, 255 in a shell), drift found exits 2. ExitCode is set
    /// only for drift: once set, NUKE returns it whatever happens after.
    /// </summary>
    void FinishDrift(DriftRun run)
    {
        DriftConsoleReport.Write(Terminal, run);
        DriftReportFile.Write(DriftReportDirectory, run.Reports);
        Terminal.MarkupLine($"[blue]»[/] Drift reports written to {Markup.Escape(DriftReportDirectory)}");
        if (OnGitHubActions)
            new DriftRunReporter(Guarded(() => GitHubContext.FromEnvironment(Env)), WorkflowCommands).Publish(run);
        if (!run.Succeeded)
            throw new ExplainedFailure(run.Failure!);
        if (DriftExitCodes.For(run) is var code and not DriftExitCodes.NoDrift)
            ExitCode = code;
    }

    static string IssueWords(DriftIssueOutcome outcome) => outcome switch
    {
        DriftIssueOutcome.Opened => "opened",
        DriftIssueOutcome.Updated => "updated",
        DriftIssueOutcome.Closed => "closed",
        DriftIssueOutcome.NothingToDo => "not needed (no drift, no open issue)",
        _ => "left as it is (the stack was skipped or could not be checked)",
    };
}
