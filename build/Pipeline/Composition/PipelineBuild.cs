using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;
using AssumeRolePipeline.Pipeline.Operations.Drift;
using AssumeRolePipeline.Pipeline.Operations.Review;
using AssumeRolePipeline.Pipeline.Operations.Rotation;
using AssumeRolePipeline.Pipeline.Operations.SetUp;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using AssumeRolePipeline.Pipeline.Publishing.Review;
using AssumeRolePipeline.Pipeline.Publishing.Verification;
using AssumeRolePipeline.Pipeline.Safety.HandOff;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Safety.Readiness;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Composition;

/// <summary>
/// The build's composition root and its one finish path. <c>build/*.cs</c> declares targets and parameters and
/// hands each target's <see cref="BuildCommand"/> here; settings, services and the run's cancellation are made once,
/// every command ends in the console summary, the job summary, the PR comment and the exit code, and a failure the
/// pipeline explains is thrown as an <see cref="ExplainedFailure"/> (one line, no stack trace).
/// </summary>
public sealed partial class PipelineBuild : IDisposable
{
    private readonly BuildParameters _parameters;
    private readonly BuildHost _host;
    private readonly IStackOperator _stacks;
    private readonly WorkflowCommandWriter _commands;
    private readonly SecretMasker _masker;
    private readonly ConsolePipelineOutput _output;
    private readonly Lazy<StackDeclaration> _declaration;

    /// <summary>create-role's outputs from this run, for a hand-off target that follows it in the same build call.</summary>
    private UnprivilegedCredentials? _createRoleCredentials;

    private readonly Func<PipelineSettings, ICredentialReadiness> _readiness;
    private readonly IAwsClientFactory _aws;
    private readonly IProcessRunner _processes;

    /// <param name="readiness">The IAM wait for a run's settings; STS itself when null.</param>
    /// <param name="aws">The AWS clients Verify and the rotation's proof use; the real endpoints when null.</param>
    /// <param name="processes">What installs the policy pack's dependencies (npm ci) when missing; real processes when null.</param>
    /// <param name="awsSetUp">The AWS half of SetUp and CheckSetUp; the set-up stack's own when null.</param>
    public PipelineBuild(BuildParameters parameters, BuildHost host, IStackOperator stacks,
        Func<PipelineSettings, ICredentialReadiness>? readiness = null, IAwsClientFactory? aws = null, IProcessRunner? processes = null,
        IAwsSetUp? awsSetUp = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        _awsSetUp = awsSetUp;
        _processes = processes ?? new SystemProcessRunner();
        _readiness = readiness ?? (settings =>
            new StsCredentialReadiness(ReadinessOptions.Default with { Timeout = settings.ReadinessTimeout }, host.Time, _output!.Progress));
        _aws = aws ?? new AwsClientFactory();
        _parameters = parameters;
        _host = host;
        _stacks = stacks;
        _commands = new WorkflowCommandWriter(host.Commands);
        // On GitHub each secret is registered with the runner (::add-mask::) before anything can print it.
        _masker = new SecretMasker(host.OnGitHubActions ? _commands.AddMask : null);
        _output = new ConsolePipelineOutput(host.Console);
        _declaration = new(() => StackDeclaration.Load(Path.Combine(host.RepositoryRoot, StackDeclaration.RelativePath)));
    }

    /// <summary>What this build owns for the whole process: the signal handlers behind the run's cancellation.</summary>
    private IDisposable? _lifetime;

    /// <summary>
    /// The composition root of a real build run: the process's environment, console and standard output, the system
    /// clock, and a cancellation that Ctrl-C and a cancelled workflow run trigger, which the stack operator gets too.
    /// </summary>
    public static PipelineBuild ForProcess(BuildParameters parameters, string repositoryRoot, bool isServerBuild,
        Func<CancellationToken, IStackOperator> stacks)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        var cancellation = new ProcessCancellation();
        var host = new BuildHost(repositoryRoot, isServerBuild, System.Environment.GetEnvironmentVariable,
            PipelineConsole.ForProcess(System.Environment.GetEnvironmentVariable), Console.Out,
            TimeProvider.System, File.Exists, cancellation.Token);
        return new PipelineBuild(parameters, host, stacks(cancellation.Token)) { _lifetime = cancellation };
    }

    /// <summary>The configuration Compile and Test build: Release on a CI server, Debug on a laptop.</summary>
    public static string DefaultConfiguration(bool isServerBuild) => isServerBuild ? "Release" : "Debug";

    public void Dispose() => _lifetime?.Dispose();

    private CancellationToken Cancellation => _host.Cancellation;

    private string StackName => string.IsNullOrWhiteSpace(_parameters.Stack) ? SettingsResolver.DefaultStack : _parameters.Stack;

    private string DriftReportDirectory => _parameters.DriftReports ?? Path.Combine(_host.RepositoryRoot, ".nuke", "temp", "drift-reports");

    /// <summary>
    /// Runs one target's command to its end. Returns the exit code the build must end with when it is not the
    /// usual one (a drift check that found drift: 2), else null; a failed run throws its explained failure.
    /// </summary>
    public async Task<int?> RunAsync(BuildCommand command)
    {
        Cancellation.ThrowIfCancellationRequested();
        await RequirePolicyPackAsync(command);
        return command switch
        {
            BuildCommand.Preview => await DeployAsync((pipeline, settings) => pipeline.PreviewAsync(settings, Cancellation)),
            BuildCommand.Up => await DeployAsync((pipeline, settings) => pipeline.UpAsync(settings, Cancellation)),
            BuildCommand.Destroy => await DeployAsync((pipeline, settings) => pipeline.DestroyAsync(settings, _parameters.Force, Cancellation)),
            BuildCommand.PreviewCreateRole => await PreviewCreateRoleAsync(),
            BuildCommand.UpCreateRole => await UpCreateRoleAsync(),
            BuildCommand.DestroyCreateRole => await ReviewRecheckedAsync(StackOperation.Destroy, createRoleHalf: true, () => DeployAsync(async (pipeline, settings) =>
                new PipelineRun(StackOperation.Destroy, [await pipeline.DestroyCreateRoleAsync(settings, _parameters.Force, Cancellation)]))),
            BuildCommand.PreviewAssumeRole => await AssumeRoleStageAsync(StackOperation.Preview),
            BuildCommand.UpAssumeRole => await AssumeRoleStageAsync(StackOperation.Up),
            BuildCommand.DestroyAssumeRole => await ReviewRecheckedAsync(StackOperation.Destroy, createRoleHalf: false, () => AssumeRoleStageAsync(StackOperation.Destroy)),
            BuildCommand.Verify => await VerifyAsync(),
            BuildCommand.Drift => await DriftAsync(StackOperation.Drift),
            BuildCommand.Refresh => await DriftAsync(StackOperation.Refresh),
            BuildCommand.Remediate => await DriftAsync(StackOperation.Remediate),
            BuildCommand.DriftCreateRole => await DriftCreateRoleAsync(StackOperation.Drift),
            BuildCommand.RefreshCreateRole => await DriftCreateRoleAsync(StackOperation.Refresh),
            BuildCommand.RemediateCreateRole => await DriftCreateRoleAsync(StackOperation.Remediate),
            BuildCommand.DriftAssumeRole => await DriftAssumeRoleAsync(StackOperation.Drift),
            BuildCommand.RefreshAssumeRole => await DriftAssumeRoleAsync(StackOperation.Refresh),
            BuildCommand.RemediateAssumeRole => await DriftAssumeRoleAsync(StackOperation.Remediate),
            BuildCommand.PublishDriftIssues => await PublishDriftIssuesAsync(),
            BuildCommand.RotateKey => await RotateKeyAsync(),
            BuildCommand.RotateKeyCreateRole => await RotateKeyCreateRoleAsync(),
            BuildCommand.RotateKeyAssumeRole => await RotateKeyAssumeRoleAsync(),
            BuildCommand.HandOff => await HandOffAsync(),
            BuildCommand.RemoveHandOff => await RemoveHandOffAsync(),
            BuildCommand.ListReviewStacks => await ListReviewStacksAsync(),
            BuildCommand.StartReviewSweep => await StartReviewSweepAsync(),
            BuildCommand.SweepReviewStacks => await SweepReviewStacksAsync(),
            BuildCommand.SetUp => await SetUpAsync(),
            BuildCommand.CheckSetUp => await CheckSetUpAsync(),
            BuildCommand.CheckEnvironments => await CheckEnvironmentsAsync(),
            BuildCommand.GenerateWorkflows => await GenerateWorkflowsAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "No pipeline runs this command."),
        };
    }

    /// <summary>The commands that preview or update a stack, and so run the policy pack (a forced destroy updates the bucket first).</summary>
    private bool RunsPolicyPack(BuildCommand command) => command is BuildCommand.Preview or BuildCommand.Up or BuildCommand.PreviewCreateRole
        or BuildCommand.UpCreateRole or BuildCommand.PreviewAssumeRole or BuildCommand.UpAssumeRole or BuildCommand.Remediate
        or BuildCommand.RemediateCreateRole or BuildCommand.RemediateAssumeRole or BuildCommand.RotateKey or BuildCommand.RotateKeyCreateRole
        or BuildCommand.RotateKeyAssumeRole || (BucketForceDestroy && command is BuildCommand.Destroy or BuildCommand.DestroyAssumeRole);

    /// <summary>
    /// Whether a destroy may take the bucket with its objects (an update first sets it): when asked, and always for a review
    /// stack, whose data is disposable by definition, or it could never be torn down (README: Review stacks).
    /// </summary>
    private bool BucketForceDestroy => _parameters.BucketForceDestroy || ReviewStackName.Parse(StackName) is not null;

    /// <summary>Node.js and the pack's dependencies for a command that runs the pack (installed when missing); nothing for the others.</summary>
    private async Task RequirePolicyPackAsync(BuildCommand command)
    {
        if (RunsPolicyPack(command))
        {
            await new Preflight(_host.Environment, _host.FileExists).RequirePolicyPackAsync(
                Path.Combine(_host.RepositoryRoot, StackRequests.PolicyPackFolder), _processes, _output.Progress, Cancellation);
        }
    }

    /// <summary>
    /// The checked settings: every value valid, the stack declared in deploy/stacks.yml (or a review stack), the
    /// Pulumi CLI there, the privileged AWS credentials there when the stage needs them; the local state prepared.
    /// Resolved again at each call: cheap, and the same inputs give the same settings.
    /// </summary>
    private PipelineSettings Settings(bool privileged)
    {
        var settings = ResolvedSettings();
        var preflight = new Preflight(_host.Environment, _host.FileExists);
        preflight.RequirePulumiCli();
        if (privileged)
            preflight.RequirePrivilegedAwsCredentials();
        if (settings.Backend.IsLocalDefault)
            PrepareLocalBackend(settings.Backend);
        return settings;
    }

    /// <summary>The settings with every value checked, before anything on the machine is required or prepared.</summary>
    private PipelineSettings ResolvedSettings()
    {
        _declaration.Value.Require(StackName);
        return new SettingsResolver(_host.Environment).Resolve(
            new PipelineInputs(_parameters.Stack, _parameters.Region, _parameters.UnprivilegedUser, _parameters.Backend,
                _parameters.ReadinessTimeout, _parameters.ExternalId, _parameters.SessionDuration),
            _host.RepositoryRoot, _host.IsServerBuild) with
        {
            UpdateMessage = UpdateMessage.For(_host.Environment, UpdateMessage.LocalCommitOf(_host.RepositoryRoot)),
            BucketForceDestroy = BucketForceDestroy,
        };
    }

    private void PrepareLocalBackend(StateBackend backend)
    {
        Directory.CreateDirectory(new Uri(backend.Url).LocalPath);
        if (backend.Environment.TryGetValue("PULUMI_CONFIG_PASSPHRASE_FILE", out var file) && file is not null && LocalPassphraseFile.EnsureExists(file))
            _output.Progress($"Created the passphrase of the local state in {file}; keep it.");
    }

    private ICredentialReadiness Readiness(PipelineSettings settings) => _readiness(settings);

    private StackPipeline Deploy(PipelineSettings settings) =>
        new(_stacks, Readiness(settings), _masker, _output, _host.Time, _parameters.AllowIamBroadening);

    private DriftPipeline Drifts(PipelineSettings settings) => new(_stacks, Readiness(settings), _masker, _output, _host.Time, _parameters.AllowIamBroadening);

    private KeyRotation Rotation(PipelineSettings settings) =>
        new(_stacks, Readiness(settings), new DeployedPairVerifier(_stacks, _aws, _masker), _masker, _output, _host.Time);

    private async Task<int?> DeployAsync(Func<StackPipeline, PipelineSettings, Task<PipelineRun>> run)
    {
        var settings = Settings(privileged: true);
        return await FinishAsync(await run(Deploy(settings), settings));
    }

    private async Task<int?> PreviewCreateRoleAsync()
    {
        var settings = Settings(privileged: true);
        var createRole = await Deploy(settings).RunCreateRoleAsync(settings, StackOperation.Preview, Cancellation);
        // A pull request's unmerged code gets no unprivileged key: its comment says assume-role was not previewed.
        ImmutableArray<StageResult> stages = _parameters.SkipAssumeRolePreview && !createRole.Failed
            ? [createRole, StackPipeline.AssumeRoleNotPreviewedForUnmergedCode(settings)]
            : [createRole];
        return await FinishAsync(new PipelineRun(StackOperation.Preview, stages));
    }

    private async Task<int?> UpCreateRoleAsync()
    {
        var settings = Settings(privileged: true);
        var stage = await Deploy(settings).RunCreateRoleAsync(settings, StackOperation.Up, Cancellation);
        _createRoleCredentials = stage.Credentials;
        return await FinishAsync(StackOperation.Up, stage);
    }

    private async Task<int?> AssumeRoleStageAsync(StackOperation operation)
    {
        var settings = Settings(privileged: false);
        var credentials = await UnprivilegedCredentialsAsync(settings, operation);
        return await FinishAsync(operation, await Deploy(settings).RunAssumeRoleAsync(settings, operation, credentials, Cancellation));
    }

    /// <summary>
    /// The identity of an unprivileged stage: for a review stack, and locally without hand-off variables, what create-role
    /// exports in the state backend; for any other stack on GitHub the environment secrets the privileged job wrote
    /// (checked against the key id it published). A review stack has no hand-off: no job that runs a pull request's code
    /// holds a token that writes GitHub secrets, and its teardown (assume-role first) reads the key from the state too.
    /// </summary>
    private async Task<UnprivilegedCredentials?> UnprivilegedCredentialsAsync(PipelineSettings settings, StackOperation operation)
    {
        if (ReviewStackName.Parse(settings.Stack) is not null ||
            (!_host.OnGitHubActions && HandOffSecretNames.All.All(name => string.IsNullOrEmpty(_host.Environment(name)))))
            return await Deploy(settings).CurrentCredentialsAsync(settings, Cancellation);
        try
        {
            var credentials = HandOffCheck.Read(_host.Environment, _host.Environment("EXPECTED_ACCESS_KEY_ID"));
            _masker.Add(credentials.SecretAccessKey);
            return credentials;
        }
        catch (HandOffException e) when (e.Problem == HandOffProblem.Missing && operation is not (StackOperation.Up or StackOperation.Remediate))
        {
            return null; // before the first deployment: a preview says so, a destroy or a check finds nothing to reach
        }
    }

    private async Task<UnprivilegedCredentials> RequiredCredentialsAsync(PipelineSettings settings) =>
        await UnprivilegedCredentialsAsync(settings, StackOperation.Up)
        ?? throw new ExplainedFailure($"create-role/{settings.Stack} exports no credentials: run Up (or UpCreateRole) first.");

    private async Task<int?> VerifyAsync()
    {
        var settings = Settings(privileged: false);
        var credentials = await RequiredCredentialsAsync(settings);
        var report = await new DeployedPairVerifier(_stacks, _aws, _masker).VerifyAsync(settings, credentials, Cancellation);
        await PublishVerificationAsync(report);
        return report.Failure is { } failure ? throw new ExplainedFailure(failure) : null;
    }

    private async Task<int?> DriftCreateRoleAsync(StackOperation operation)
    {
        var settings = Settings(privileged: true);
        var stage = await Drifts(settings).RunCreateRoleAsync(settings, operation, Cancellation);
        _createRoleCredentials = stage.Credentials;
        // The unprivileged job skips its check when create-role's identity is gone (the step output says so).
        SetStepOutput("assume-role-reachable", DriftPipeline.UnreachableBecause(stage.Report) is null ? "true" : "false");
        return await FinishAsync(new PipelineRun(operation, [stage]));
    }

    private async Task<int?> DriftAssumeRoleAsync(StackOperation operation)
    {
        var settings = Settings(privileged: false);
        var credentials = await UnprivilegedCredentialsAsync(settings, operation);
        return await FinishAsync(new PipelineRun(operation, [await Drifts(settings).RunAssumeRoleAsync(settings, operation, credentials, Cancellation)]));
    }

    private async Task<int?> DriftAsync(StackOperation operation)
    {
        var settings = Settings(privileged: true);
        return await FinishAsync(await Drifts(settings).RunAsync(settings, operation, Cancellation));
    }

    private async Task<int?> PublishDriftIssuesAsync()
    {
        var reports = DriftReportFile.ReadAll(DriftReportDirectory);
        var github = GitHubContext.FromEnvironment(_host.Environment);
        var token = RequiredToken("GITHUB_TOKEN", "the workflow's token, passed in the step's environment, from a job with 'permissions: issues: write'");
        var publisher = new DriftIssuePublisher(GitHubConnections.CreateClient(github.ApiUrl, token));
        foreach (var report in reports)
        {
            var outcome = await publisher.PublishAsync(github.Owner, github.Repository, report, github.RunUrl, Cancellation);
            _output.Progress($"{report.DisplayName}: drift issue {IssueWords(outcome)}");
        }

        return null;
    }

    private async Task<int?> RotateKeyAsync()
    {
        var settings = Settings(privileged: true);
        return await FinishRotationAsync(await Rotation(settings).RotateAsync(settings, MaxKeyAge.FromParameter(_parameters.MaxKeyAge), Cancellation));
    }

    private async Task<int?> RotateKeyCreateRoleAsync()
    {
        var settings = Settings(privileged: true);
        var run = await Rotation(settings).ReplaceKeyAsync(settings, MaxKeyAge.FromParameter(_parameters.MaxKeyAge), Cancellation);
        _createRoleCredentials = run.Credentials;
        // Plain on purpose: whether the unprivileged job has a new key to prove.
        SetStepOutput("rotated", run.Replaced ? "true" : "false");
        return await FinishRotationAsync(run);
    }

    private static string IssueWords(DriftIssueOutcome outcome) => outcome switch
    {
        DriftIssueOutcome.Opened => "opened",
        DriftIssueOutcome.Updated => "updated",
        DriftIssueOutcome.Closed => "closed",
        DriftIssueOutcome.NothingToDo => "not needed (no drift, no open issue)",
        _ => "left as it is (the stack was skipped or could not be checked)",
    };

    private async Task<int?> RotateKeyAssumeRoleAsync()
    {
        var settings = Settings(privileged: false);
        var credentials = await RequiredCredentialsAsync(settings);
        return await FinishRotationAsync(await Rotation(settings).CheckNewKeyAsync(settings, credentials, Cancellation));
    }

    private async Task<int?> HandOffAsync()
    {
        RequireNoReviewStack("HandOff");
        var environment = HandOffEnvironment();
        var secrets = SecretsClient();
        var settings = Settings(privileged: false);
        var credentials = _createRoleCredentials ?? await Deploy(settings).CurrentCredentialsAsync(settings, Cancellation)
            ?? throw new ExplainedFailure($"create-role/{settings.Stack} exports no credentials to hand off: run UpCreateRole first.");
        await new CredentialHandOff(secrets, _masker.Add).WriteAsync(environment, credentials, Cancellation);
        // Plain on purpose: the unprivileged job compares its secrets with it to spot a stale hand-off.
        SetStepOutput("access-key-id", credentials.AccessKeyId);
        _output.Progress($"Handed off {credentials.AccessKeyId} and {credentials.RoleArn} to the '{environment}' environment.");
        return null;
    }

    private async Task<int?> RemoveHandOffAsync()
    {
        RequireNoReviewStack("RemoveHandOff");
        var environment = HandOffEnvironment();
        await new CredentialHandOff(SecretsClient(), _masker.Add).RemoveAsync(environment, Cancellation);
        _output.Progress($"Removed the handed-off secrets {string.Join(", ", HandOffSecretNames.All)} from the '{environment}' environment.");
        return null;
    }

    /// <summary>
    /// A review stack has no hand-off: its jobs run a pull request's code, which must never hold a token that writes GitHub
    /// secrets, so its unprivileged jobs read create-role's outputs from the review stacks' state backend instead.
    /// </summary>
    private void RequireNoReviewStack(string target)
    {
        if (ReviewStackName.Parse(StackName) is not null)
        {
            throw new InvalidInputException(new InputError("stack name (--stack)", StackName,
                $"a stack with a hand-off: {target} is not run for a review stack, whose unprivileged jobs read create-role's outputs " +
                "from the review stacks' own state backend (README: Review stacks)"));
        }
    }

    /// <summary>--unprivileged-environment, checked against the stack's declaration before any call: it becomes one segment of a REST path.</summary>
    private string HandOffEnvironment() => _declaration.Value.RequireUnprivilegedEnvironment(StackName, InputRules.Require(
        _parameters.UnprivilegedEnvironment ?? "aws-unprivileged",
        v => InputRules.GitHubEnvironmentName(v, "unprivileged environment (--unprivileged-environment)")));

    private EnvironmentSecretsClient SecretsClient()
    {
        var token = RequiredToken("GITHUB_SECRETS_TOKEN",
            "a token allowed to write environment secrets (Secrets and Environments: write); GITHUB_TOKEN cannot. See 'Set up on GitHub' in the README");
        var github = GitHubContext.FromEnvironment(_host.Environment);
        return new EnvironmentSecretsClient(GitHubConnections.CreateConnection(github.ApiUrl, token), github.Owner, github.Repository);
    }

    private string RequiredToken(string name, string rule) =>
        _host.Environment(name) is { Length: > 0 } token ? token : throw new InvalidInputException(new InputError(name, null, rule));

    private async Task<int?> ListReviewStacksAsync()
    {
        var (settings, timeToLive) = ReviewSweepSettings(privileged: false);
        var plan = await new ReviewSweeper(_stacks, _host.Time).PlanAsync(settings, timeToLive, PullRequestStatesOrNull(), Cancellation);
        ReviewSweepReport.Write(_host.Console, plan, _host.Time.GetUtcNow(), timeToLive);
        AppendStepSummary(ReviewSweepReport.Markdown("Review stacks", plan, _host.Time.GetUtcNow(), timeToLive));
        return null;
    }

    private async Task<int?> StartReviewSweepAsync()
    {
        var (settings, timeToLive) = ReviewSweepSettings(privileged: false);
        var states = PullRequestStatesOrNull() ?? throw new ExplainedFailure(
            "StartReviewSweep asks GitHub which pull requests are closed: set GITHUB_TOKEN (the job needs pull-requests: read).");
        var planner = new ReviewSweeper(_stacks, _host.Time);
        var plan = await planner.PlanAsync(settings, timeToLive, states, Cancellation);
        await planner.RemoveEmptyAsync(settings, plan, Cancellation);
        ReviewSweepReport.Write(_host.Console, plan, _host.Time.GetUtcNow(), timeToLive);
        AppendStepSummary(ReviewSweepReport.Markdown("Review stack sweep: the plan", plan, _host.Time.GetUtcNow(), timeToLive));
        // Stack names only: nothing secret, so it can travel as a job output to the destroy matrix.
        SetStepOutput("destroy", ReviewSweepReport.DestroyMatrix(plan));
        return null;
    }

    private async Task<int?> SweepReviewStacksAsync()
    {
        var (settings, timeToLive) = ReviewSweepSettings(privileged: true);
        var planner = new ReviewSweeper(_stacks, _host.Time);
        var plan = await planner.PlanAsync(settings, timeToLive, PullRequestStatesOrNull(), Cancellation);
        ReviewSweepReport.Write(_host.Console, plan, _host.Time.GetUtcNow(), timeToLive);
        var failures = await ReviewSweeper.SweepAsync(settings, plan, (stackSettings, cancellationToken) =>
            Deploy(stackSettings).DestroyAsync(stackSettings, force: false, cancellationToken), _output, run => ConsoleSummary.Write(_host.Console, run), Cancellation);
        await planner.RemoveEmptyAsync(settings, plan, Cancellation);
        AppendStepSummary(ReviewSweepReport.Markdown("Review stack sweep", plan, _host.Time.GetUtcNow(), timeToLive));
        return failures.IsEmpty
            ? null
            : throw new ExplainedFailure($"The sweep could not destroy {string.Join("; ", failures)}. The next sweep finds them again in the state backend.");
    }

    private (PipelineSettings Settings, TimeSpan TimeToLive) ReviewSweepSettings(bool privileged)
    {
        var review = _declaration.Value.Review ?? throw new InvalidInputException(new InputError("review stacks", null,
            $"a 'review:' section in {StackDeclaration.RelativePath} (README: Review stacks)"));
        return (Settings(privileged), review.TimeToLiveOr(_parameters.ReviewTimeToLive));
    }

    /// <summary>
    /// A destroy the sweep launched (<c>--review-recheck</c>): after the approval it waited for, the sweep's rule is applied
    /// again with a fresh state listing and a fresh GitHub answer, and the destroy runs only when it still says destroy.
    /// Otherwise the job succeeds without touching the stack, says why, and tells the stage (step output <c>skipped</c>) not
    /// to run the other half. Without the parameter the destroy just runs.
    /// </summary>
    private async Task<int?> ReviewRecheckedAsync(StackOperation operation, bool createRoleHalf, Func<Task<int?>> destroy)
    {
        if (!_parameters.ReviewRecheck)
            return await destroy();
        var review = ReviewStackName.Parse(StackName) ?? throw new InvalidInputException(new InputError("stack name (--stack)", StackName,
            "a review stack pr-<number> with --review-recheck: only the sweep's destroys of review stacks are re-checked"));
        var (settings, timeToLive) = ReviewSweepSettings(privileged: createRoleHalf);
        var states = PullRequestStatesOrNull() ?? throw new ExplainedFailure(
            $"The re-check before destroying {review} asks GitHub about pull request #{review.PullRequest}: set GITHUB_TOKEN and " +
            "GITHUB_REPOSITORY (the job needs pull-requests: read). Nothing was destroyed.");
        var decision = await new ReviewSweepRecheck(_stacks, _host.Time).DecideAsync(settings, review, timeToLive, states, createRoleHalf, Cancellation);
        var half = createRoleHalf ? "create-role" : "assume-role";
        if (decision is { Action: SweepAction.Destroy })
        {
            _output.Progress($"Re-checked {review} after the approval: still to {operation.ToString().ToLowerInvariant()} ({decision.Reason}).");
            return await destroy();
        }

        var message = $"{half}/{review} was not destroyed: re-checked after the approval, " +
                      $"{decision?.Reason ?? "it is no longer in the state backend"}. The sweep's plan is out of date; the next sweep decides again.";
        _output.Progress(message);
        if (_host.OnGitHubActions)
            _commands.Notice(message, title: "Destroy skipped");
        SetStepOutput("skipped", "true");
        AppendStepSummary($"### {review}: destroy skipped{Environment.NewLine}{Environment.NewLine}{message}{Environment.NewLine}");
        return null;
    }

    /// <summary>GitHub's answer for each pull request when a token is at hand (on GitHub: the job's); locally the time to live alone decides.</summary>
    private Func<IEnumerable<int>, CancellationToken, Task<IReadOnlyDictionary<int, PullRequestStatus>>>? PullRequestStatesOrNull()
    {
        if (_host.Environment("GITHUB_TOKEN") is not { Length: > 0 } token || _host.Environment("GITHUB_REPOSITORY") is not { Length: > 0 })
            return null;
        var github = GitHubContext.FromEnvironment(_host.Environment);
        return new PullRequestStates(GitHubConnections.CreateClient(github.ApiUrl, token), github.Owner, github.Repository).GetAllAsync;
    }

    private Task<int?> FinishAsync(StackOperation operation, StageResult stage) => FinishAsync(new PipelineRun(operation, [stage]));

    /// <summary>
    /// The one finish path: the console summary; for a drift check, refresh or remediation the report files the issue
    /// job reads; on GitHub the job summary, the annotations and, on a pull request, its comment; then the exit: a
    /// failed run fails the build with its explained message, a drift check that found drift exits 2.
    /// </summary>
    private async Task<int?> FinishAsync(PipelineRun run)
    {
        var (noted, warning) = KeyAgeNote.Annotate(run, _host.Time.GetUtcNow());
        if (warning is not null && _host.OnGitHubActions)
            _commands.Warning(warning, title: "Access key age");
        ConsoleSummary.Write(_host.Console, noted);
        if (DriftPipeline.Operations.Contains(noted.Operation))
        {
            DriftReportFile.Write(DriftReportDirectory, noted.Reports);
            _output.Progress($"Drift reports written to {DriftReportDirectory}");
        }

        if (_host.OnGitHubActions)
        {
            var github = GitHubContext.FromEnvironment(_host.Environment);
            await new GitHubRunReporter(github, _commands, CommentPublisher(github)).PublishAsync(noted, Cancellation);
        }

        return noted.Succeeded ? DriftExitCodes.For(noted) : throw new ExplainedFailure(noted.Failure!);
    }

    private async Task<int?> FinishRotationAsync(KeyRotationRun run)
    {
        if (run.Verification is { } verification)
            await PublishVerificationAsync(verification);
        return await FinishAsync(run.Run);
    }

    private async Task PublishVerificationAsync(VerificationReport report)
    {
        VerificationConsoleReport.Write(_host.Console, report);
        if (!_host.OnGitHubActions)
            return;
        var github = GitHubContext.FromEnvironment(_host.Environment);
        await new VerificationPublisher(github, _commands, CommentPublisher(github)).PublishAsync(report, Cancellation);
    }

    /// <summary>The PR comment's writer, with the step's GITHUB_TOKEN; null without one (the reporter warns).</summary>
    private PullRequestCommentPublisher? CommentPublisher(GitHubContext github) =>
        _host.Environment("GITHUB_TOKEN") is { Length: > 0 } token ? new PullRequestCommentPublisher(GitHubConnections.CreateClient(github.ApiUrl, token)) : null;

    private void SetStepOutput(string name, string value)
    {
        if (_host.OnGitHubActions && _host.Environment("GITHUB_OUTPUT") is { Length: > 0 } path)
            new EnvironmentFileWriter(path).Set(name, value);
    }

    private void AppendStepSummary(string markdown)
    {
        if (_host.OnGitHubActions && _host.Environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } path)
            new StepSummaryWriter(path).Append(markdown);
    }
}
