using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Operations.Rotation;
using AssumeRolePipeline.Pipeline.Operations.SetUp;
using AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Repository;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using AssumeRolePipeline.Pipeline.Safety.Posture;
using AssumeRolePipeline.Pipeline.Settings;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Composition;

/// <summary>
/// SetUp (the AWS and GitHub side from deploy/stacks.yml), CheckSetUp (every way the repository differs from what the threat
/// model assumes) and the stage's CheckEnvironments (the environments one run will use, protected as required). Every input is
/// checked before the first call; a refused call ends with one line naming it.
/// </summary>
public sealed partial class PipelineBuild
{
    private const string ReadmeSetUp = "README: Set up on GitHub";

    private readonly IAwsSetUp? _awsSetUp;

    /// <summary>
    /// The set-up stack (stacks/SetUp) in the run's state backend. SetUp runs it, so the Pulumi CLI and the administrator's AWS
    /// credentials are required first; CheckSetUp only reads the roles' trust through IAM, and requires neither the CLI, nor a
    /// backend, nor the pipeline's settings (their region: the check reads --region or the repository variable AWS_REGION).
    /// </summary>
    private IAwsSetUp AwsHalf(bool runsStack) => _awsSetUp ?? (runsStack
        ? new AwsSetUp(_stacks, _host.RepositoryRoot, Settings(privileged: true).Backend, _host.Environment, _output.Progress, _host.Time)
        : AwsSetUp.TrustCheckOnly(_host.Environment, _host.Time));

    private async Task<int?> SetUpAsync()
    {
        var declaration = _declaration.Value;
        var targets = PostureTargets.All(declaration);
        GitHubSetUp.RequireReviewersDeclared(targets);
        var repository = SetUpRepository();
        var region = InputRules.Require(_parameters.Region ?? _host.Environment("AWS_REGION") ?? _host.Environment("AWS_DEFAULT_REGION"),
            v => InputRules.Region(v, "AWS region (--region, or AWS_REGION)"));
        var client = RepositoryClient(repository, AdminToken(), GitHubRepositoryClient.AdministrationPermission);
        var aws = AwsHalf(runsStack: true);

        var github = new GitHubSetUp(client, repository);
        var request = new GitHubSetUpRequest(targets, declaration.Review?.Label, region, _parameters.Backend is { Length: > 0 } backend ? backend : null);
        var plan = await github.PlanAsync(request, _parameters.Force, Cancellation);
        var awsResult = await aws.ApplyAsync(new AwsSetUpRequest(repository.ToString(), region, SetUpVariables.Roles(targets)), _parameters.DryRun, Cancellation);
        plan = await github.PlanVariablesAsync(plan, request, awsResult, Cancellation);
        var steps = github.Steps(plan).Select(s => s.Line).ToList();

        foreach (var widening in plan.Widenings)
            _output.Warning($"GitHub: --force: {widening}");
        if (_parameters.DryRun)
        {
            foreach (var change in awsResult.Changes)
                _output.Progress(change);
            foreach (var step in steps)
                _output.Progress($"GitHub: would {step}");
            ReportMissingSecrets(plan);
            _output.Progress(awsResult.Changes.Count == 0 && steps.Count == 0
                ? "Dry run: nothing to do; AWS and GitHub are set up as deploy/stacks.yml declares."
                : $"Dry run: {awsResult.Changes.Count} change(s) on AWS and {steps.Count} on GitHub planned; nothing was changed.");
            return null;
        }

        foreach (var change in awsResult.Changes)
            _output.Progress(change);
        await github.ApplyAsync(plan, line => _output.Progress($"GitHub: {line}"), Cancellation);
        ReportMissingSecrets(plan);
        _output.Progress(awsResult.Changes.Count == 0 && steps.Count == 0
            ? "Nothing to do: AWS and GitHub are set up as deploy/stacks.yml declares."
            : $"Set up: {awsResult.Changes.Count} change(s) on AWS and {steps.Count} on GitHub.");
        return null;
    }

    private void ReportMissingSecrets(GitHubSetUpPlan plan)
    {
        foreach (var line in plan.MissingSecrets)
            _output.Warning(line);
        if (plan.MissingSecrets.Count > 0)
            _output.Progress($"{plan.MissingSecrets.Count} secret(s) to add by hand (above): the set-up cannot create them ({ReadmeSetUp}).");
    }

    private async Task<int?> CheckSetUpAsync()
    {
        var declaration = _declaration.Value;
        var repository = SetUpRepository();
        var region = _parameters.Region is { } given ? InputRules.Require(given, v => InputRules.Region(v, "AWS region (--region)")) : null;
        var client = RepositoryClient(repository, AdminToken(), GitHubRepositoryClient.AdministrationPermission);
        var report = await new SetUpCheck(client, repository, AwsHalf(runsStack: false)).CheckAsync(
            PostureTargets.All(declaration), declaration.Review?.Label, region, Cancellation);

        foreach (var line in report.AcceptedRisks)
            Annotate(line, "Accepted risk", warning: true);
        foreach (var line in report.Notes)
            _output.Progress(line);
        foreach (var line in report.Problems)
            Annotate(line, "Set-up differs", warning: false);
        return report.Problems.Count == 0
            ? Done($"{repository} is set up as the threat model assumes{(report.AcceptedRisks.Count > 0 ? $", with {report.AcceptedRisks.Count} accepted risk(s)" : "")}.")
            : throw new ExplainedFailure($"CheckSetUp found {report.Problems.Count} difference(s) from what the threat model assumes (listed above); " +
                                         $"./build.sh SetUp makes what it can and names the rest, such as secrets, with where to add them ({ReadmeSetUp}).");
    }

    private async Task<int?> CheckEnvironmentsAsync()
    {
        // The request's values first, with the build's own rules (stage.yml keeps no copy of them).
        IReadOnlyList<PostureTarget> targets;
        try
        {
            MaxKeyAge.FromParameter(_parameters.MaxKeyAge);
            targets = PostureTargets.ForStage(_declaration.Value, _parameters.Stack, _parameters.Operation, _parameters.Trusted, _parameters.Review);
        }
        catch (InvalidInputException e)
        {
            // A value from a workflow input, shown on one line: a line break in it must not start a workflow command of its own.
            // On GitHub the line is also the run's annotation, as the stage's shell checks give theirs, not NUKE's generic one.
            var line = e.Message.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            if (_host.OnGitHubActions)
                _commands.Error(line, title: "Bad request");
            throw new ExplainedFailure(line, e);
        }

        var repository = GitHubRepositoryName.Parse(_host.Environment("GITHUB_REPOSITORY"), "repository (GITHUB_REPOSITORY)");
        var token = RequiredToken("GITHUB_TOKEN", "the workflow's token, passed in the step's environment, from a job with 'permissions: actions: read'");
        var client = RepositoryClient(repository, token, "the job's permission actions: read (and contents: read)");
        var findings = await StageEnvironmentsCheck.CheckAsync(client, targets, Cancellation);

        foreach (var risk in findings.Where(f => !f.IsDefect))
            Annotate(risk.Line, "Accepted risk", warning: true);
        var defects = findings.Where(f => f.IsDefect && !f.IsMissing).ToList();
        foreach (var defect in defects)
            Annotate(defect.Line, $"{defect.Environment} not protected as required", warning: false);
        var missing = findings.Where(f => f.IsMissing).Select(f => f.Environment).ToList();
        var stack = _parameters.Stack;
        var notSetUp = $"Stack {stack} is not set up: the GitHub environment(s) {string.Join(" ", missing)} do not exist. Run ./build.sh SetUp ({ReadmeSetUp}); " +
                       "a job naming a missing environment would create it, without protection.";
        if (defects.Count > 0)
        {
            if (missing.Count > 0)
                Annotate(notSetUp, $"{stack} is not set up", warning: false);
            throw new ExplainedFailure($"{defects.Count} protection(s) of the environments stack {stack} uses are missing (listed above): nothing was run.");
        }

        if (missing.Count > 0 && !_parameters.Optional)
        {
            Annotate(notSetUp, $"{stack} is not set up", warning: false);
            throw new ExplainedFailure(notSetUp);
        }

        if (missing.Count > 0)
        {
            if (_host.OnGitHubActions)
                _commands.Notice(notSetUp, title: $"{stack} skipped");
            _output.Progress(notSetUp);
            AppendStepSummary($"### {stack} skipped{Environment.NewLine}{Environment.NewLine}{notSetUp}{Environment.NewLine}");
            SetStepOutput("ready", "false");
            return null;
        }

        // The stage names the drift artifacts with it: GitHub's expressions cannot make a stack name artifact-safe.
        SetStepOutput("drift-artifact", DriftArtifacts.Prefix(StackName));
        SetStepOutput("ready", "true");
        return Done($"The environments of stack {stack} ({string.Join(", ", targets.Select(t => t.Environment))}) exist and are protected as required.");
    }

    private int? Done(string message)
    {
        _output.Progress(message);
        return null;
    }

    /// <summary>A line on the console and, on GitHub, an annotation of the run.</summary>
    private void Annotate(string line, string title, bool warning)
    {
        if (warning)
            _output.Warning(line);
        else
            _host.Console.MarkupLineBetweenWords($"[red]error:[/] {Markup.Escape(line)}");
        if (!_host.OnGitHubActions)
            return;
        if (warning)
            _commands.Warning(line, title: title);
        else
            _commands.Error(line, title: title);
    }

    /// <summary>--repository, else GITHUB_REPOSITORY: OWNER/REPO, checked before it becomes part of a REST path.</summary>
    private GitHubRepositoryName SetUpRepository() => _parameters.Repository is { Length: > 0 } given
        ? GitHubRepositoryName.Parse(given, "repository (--repository)")
        : GitHubRepositoryName.Parse(_host.Environment("GITHUB_REPOSITORY"), "repository (--repository, or GITHUB_REPOSITORY)");

    private string AdminToken() => RequiredToken("GITHUB_TOKEN",
        "a token of a repository administrator (e.g. GITHUB_TOKEN=$(gh auth token)); the workflow's own token cannot change environments");

    /// <summary>A client for the repository whose token is masked first: no answer it quotes can print it.</summary>
    private GitHubRepositoryClient RepositoryClient(GitHubRepositoryName repository, string token, string permission)
    {
        var connection = GitHubConnections.CreateConnection(GitHubContext.ApiUrlFrom(_host.Environment), token);
        _masker.Add(token);
        return new(connection, repository, _masker, permission);
    }
}
