using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Composition;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Tests.Drift;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Composition;

/// <summary>
/// The build's composition root, as a target runs it: the settings checked before anything is touched, each command
/// ended by the one finish path, the exit code only for drift found, and the run's cancellation honoured.
/// </summary>
public sealed class PipelineBuildTests : IDisposable
{
    private readonly InMemoryStackOperator _stacks = new();
    private readonly FakeReadiness _readiness = new();
    private readonly StringWriter _console = new();
    private readonly StringWriter _commands = new();
    private readonly string _reports = Directory.CreateTempSubdirectory("drift-reports-").FullName;
    private readonly Dictionary<string, string?> _environment = new()
    {
        ["PATH"] = string.Join(Path.PathSeparator, "/opt/pulumi/bin", "/opt/node/bin"),
        ["AWS_REGION"] = "eu-central-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIAPRIVILEGEDEXAMPL",
        ["AWS_SECRET_ACCESS_KEY"] = "privileged-secret",
        ["PULUMI_CONFIG_PASSPHRASE"] = "test passphrase",
    };

    private static readonly string PolicyPack = Path.Combine(RepositoryRoot.Path, "policy");

    /// <summary>The files the fake host has: the Pulumi CLI, Node.js and npm, and the policy pack's installed dependencies.</summary>
    private readonly HashSet<string> _files =
    [
        Path.Combine("/opt/pulumi/bin", "pulumi"), Path.Combine("/opt/node/bin", "node"), Path.Combine("/opt/node/bin", "npm"),
        Path.Combine(PolicyPack, Preflight.InstalledMarker),
    ];

    private readonly FakeProcessRunner _processes = new();

    public void Dispose()
    {
        Directory.Delete(_reports, recursive: true);
        _console.Dispose();
        _commands.Dispose();
    }

    private PipelineBuild Build(BuildParameters? parameters = null, CancellationToken cancellation = default)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(_console),
        });
        var host = new BuildHost(RepositoryRoot.Path, IsServerBuild: false, name => _environment.GetValueOrDefault(name), console, _commands,
            new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            _files.Contains, cancellation);
        return new PipelineBuild((parameters ?? new BuildParameters()) with { Backend = "file:///tmp/state", DriftReports = _reports },
            host, _stacks, _ => _readiness, processes: _processes);
    }

    [Fact]
    public async Task Up_deploys_create_role_then_assume_role_with_the_new_key_and_ends_with_the_summary()
    {
        var exitCode = await Build().RunAsync(BuildCommand.Up);

        Assert.Null(exitCode);
        Assert.Equal(
            [
                ("create-role", StackOperation.Preview), ("create-role", StackOperation.Up),
                ("assume-role", StackOperation.Preview), ("assume-role", StackOperation.Up),
            ],
            _stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        Assert.Equal(InMemoryStackOperator.AccessKeyId, Assert.Single(_readiness.Calls).Credentials.AccessKeyId);
        Assert.Contains("create-role/dev", _console.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, _console.ToString() + _commands, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe West", null, "Europe West")]
    [InlineData(null, "staging", "staging")]
    [InlineData(null, "../pr-12", "../pr-12")]
    [InlineData(null, "a/b/pr-12", "a/b/pr-12")]
    public async Task Bad_input_stops_with_one_line_naming_the_value_before_any_stack_is_touched(string? region, string? stack, string named)
    {
        var failure = await Assert.ThrowsAnyAsync<ExplainedFailure>(() => Build(new BuildParameters { Region = region, Stack = stack }).RunAsync(BuildCommand.Up));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        Assert.Equal(failure.Message, failure.ToString());
        Assert.Empty(_stacks.Calls);
        Assert.Empty(_stacks.StateReads);
    }

    [Fact]
    public async Task A_failed_stage_fails_the_build_with_its_explained_message()
    {
        _stacks.Failures[("create-role", StackOperation.Up)] = new StackOperationException(StackFailure.OperationFailed, "error: LimitExceeded");

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => Build().RunAsync(BuildCommand.Up));

        Assert.StartsWith("create-role/dev: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_stacks.Calls, c => c.Request.Project == "assume-role");
    }

    [Theory]
    [InlineData(BuildCommand.Up)]
    [InlineData(BuildCommand.PreviewCreateRole)]
    [InlineData(BuildCommand.RemediateAssumeRole)]
    public async Task Without_Node_js_a_command_that_runs_the_policy_pack_stops_with_one_line_before_any_stack_is_touched(BuildCommand command)
    {
        _files.Remove(Path.Combine("/opt/node/bin", "node"));

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => Build().RunAsync(command));

        Assert.StartsWith("Node.js is not on PATH", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Install Node.js 22 (https://nodejs.org)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Empty(_stacks.Calls);
        Assert.Empty(_stacks.StateReads);
    }

    [Fact]
    public async Task A_command_that_runs_no_preview_or_update_needs_no_Node_js()
    {
        _files.Remove(Path.Combine("/opt/node/bin", "node"));
        _stacks.Deploy("create-role");

        await Build().RunAsync(BuildCommand.Drift);

        Assert.All(_stacks.Calls, c => Assert.Equal(StackOperation.Drift, c.Operation));
    }

    [Fact]
    public async Task Missing_policy_pack_dependencies_are_installed_with_npm_ci_before_the_first_preview()
    {
        var marker = Path.Combine(PolicyPack, Preflight.InstalledMarker);
        _files.Remove(marker);
        _processes.OnRun = () => _files.Add(marker);

        await Build().RunAsync(BuildCommand.Preview);

        var (npm, arguments, directory) = Assert.Single(_processes.Runs);
        Assert.Equal((Path.Combine("/opt/node/bin", "npm"), PolicyPack), (npm, directory));
        Assert.Equal(["ci", "--no-audit", "--no-fund"], arguments);
        Assert.Contains("Installing the policy pack's dependencies: npm ci", _console.ToString(), StringComparison.Ordinal);
        Assert.All(_stacks.Calls.Where(c => c.Operation == StackOperation.Preview), c => Assert.Equal<string>([PolicyPack], c.Request.PolicyPacks));
    }

    [Fact]
    public async Task A_broadening_local_Up_stops_naming_the_flag_and_the_flag_lets_it_run()
    {
        _stacks.Deploy("create-role");
        _stacks.ProgramSteps["create-role"] =
        [
            new EngineStep("Update", "urn:pulumi:dev::create-role::aws:iam/role:Role::allow-s3-management", "aws:iam/role:Role",
                new Dictionary<string, object> { ["assumeRolePolicy"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/u"},"Action":"sts:AssumeRole"}]}""" },
                new Dictionary<string, object> { ["assumeRolePolicy"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""" }),
        ];

        var stopped = await Assert.ThrowsAsync<ExplainedFailure>(() => Build().RunAsync(BuildCommand.Up));
        Assert.EndsWith("run again with --allow-iam-broadening", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("IAM changes:", _console.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_stacks.Calls, c => c.Operation == StackOperation.Up);

        Assert.Null(await Build(new BuildParameters { AllowIamBroadening = true }).RunAsync(BuildCommand.Up));
        Assert.Contains(_stacks.Calls, c => c is { Request.Project: "create-role", Operation: StackOperation.Up });
    }

    [Fact]
    public async Task A_drift_check_exits_2_when_it_finds_drift_and_writes_the_report_files()
    {
        _stacks.Deploy("create-role");
        _stacks.Deploy("assume-role");
        var clean = await Build().RunAsync(BuildCommand.Drift);
        _stacks.CloudDrift["create-role"] = [new RefreshEvent("Update", RefreshEvent.UrnOf("create-role", "aws:iam/role:Role", "allow-s3-management"),
            "aws:iam/role:Role", ["assumeRolePolicy"])];

        var drifted = await Build().RunAsync(BuildCommand.Drift);

        Assert.Null(clean);
        Assert.Equal(2, drifted);
        Assert.True(File.Exists(Path.Combine(_reports, "drift-create-role.json")));
        Assert.DoesNotContain(_stacks.Calls, c => c.Operation != StackOperation.Drift);
    }

    [Fact]
    public async Task A_cancelled_run_touches_no_stack()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Build(cancellation: cancelled.Token).RunAsync(BuildCommand.Up));

        Assert.Empty(_stacks.Calls);
    }

    [Fact]
    public async Task The_hand_off_without_a_secrets_token_names_the_variable_and_what_it_needs()
    {
        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => Build().RunAsync(BuildCommand.HandOff));

        Assert.Contains("GITHUB_SECRETS_TOKEN", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Secrets and Environments: write", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_stacks.Calls);
    }

    [Fact]
    public async Task A_review_time_to_live_out_of_range_is_refused_naming_the_rule()
    {
        var failure = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Build(new BuildParameters { ReviewTimeToLive = 91 }).RunAsync(BuildCommand.ListReviewStacks));

        Assert.Contains("91", failure.Message, StringComparison.Ordinal);
        Assert.Contains("from 1 to 90", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signal_cancels_the_run_and_keeps_the_process_alive_until_the_pipeline_has_reported()
    {
        using var cancellation = new ProcessCancellation();
        var signal = new PosixSignalContext(PosixSignal.SIGTERM);

        cancellation.Cancel(signal);

        Assert.True(signal.Cancel);
        Assert.True(cancellation.Token.IsCancellationRequested);
    }

    [Theory]
    [InlineData(true, "Release")]
    [InlineData(false, "Debug")]
    public void Compile_builds_Release_on_a_server_and_Debug_on_a_laptop(bool isServerBuild, string configuration) =>
        Assert.Equal(configuration, PipelineBuild.DefaultConfiguration(isServerBuild));
}
