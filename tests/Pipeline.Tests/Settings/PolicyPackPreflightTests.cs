using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Tests.Composition;

namespace AssumeRolePipeline.Pipeline.Tests.Settings;

/// <summary>What the policy pack needs before a preview or update: Node.js, and its dependencies, installed when missing.</summary>
public sealed class PolicyPackPreflightTests
{
    private const string Pack = "/repo/policy";
    private static readonly string Marker = Path.Combine(Pack, Preflight.InstalledMarker).Replace('\\', '/');

    private readonly Dictionary<string, string> _environment = new() { ["PATH"] = "/usr/bin:/opt/node/bin" };
    private readonly HashSet<string> _files = [];
    private readonly FakeProcessRunner _npm = new();
    private readonly List<string> _progress = [];

    private Task Require() =>
        new Preflight(name => _environment.GetValueOrDefault(name), path => _files.Contains(path.Replace('\\', '/')))
            .RequirePolicyPackAsync(Pack, _npm, _progress.Add, CancellationToken.None);

    private void Install(params string[] programs)
    {
        foreach (var program in programs)
            _files.Add("/opt/node/bin/" + program);
    }

    [SkippableFact]
    public async Task Without_Node_js_on_PATH_one_line_says_what_to_install_and_nothing_runs()
    {
        Skip.If(OperatingSystem.IsWindows(), "PATH separator and names of a Unix host");

        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(Require);

        Assert.Equal("Node.js is not on PATH: every preview and update runs the policy pack in /repo/policy with it. " +
                     "Install Node.js 22 (https://nodejs.org), then open a new shell.", thrown.Message);
        Assert.Empty(_npm.Runs);
    }

    [SkippableFact]
    public async Task Installed_dependencies_are_used_as_they_are()
    {
        Skip.If(OperatingSystem.IsWindows(), "PATH separator and names of a Unix host");
        Install("node", "npm");
        _files.Add(Marker);

        await Require();

        Assert.Empty(_npm.Runs);
        Assert.Empty(_progress);
    }

    [SkippableFact]
    public async Task Missing_dependencies_are_installed_from_the_lock_file_in_the_pack_and_the_console_says_so()
    {
        Skip.If(OperatingSystem.IsWindows(), "PATH separator and names of a Unix host");
        Install("node", "npm");
        _npm.OnRun = () => _files.Add(Marker);

        await Require();

        var (fileName, arguments, directory) = Assert.Single(_npm.Runs);
        Assert.Equal("/opt/node/bin/npm", fileName.Replace('\\', '/'));
        Assert.Equal(["ci", "--no-audit", "--no-fund"], arguments);
        Assert.Equal(Pack, directory);
        Assert.Contains(_progress, p => p.StartsWith("Installing the policy pack's dependencies: npm ci in /repo/policy", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_failed_install_stops_the_run_naming_the_command_and_its_exit_code()
    {
        Skip.If(OperatingSystem.IsWindows(), "PATH separator and names of a Unix host");
        Install("node", "npm");
        _npm.ExitCode = 1;

        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(Require);

        Assert.StartsWith("Installing the policy pack's dependencies failed: 'npm ci' in /repo/policy exited with 1", thrown.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_npm_the_missing_dependencies_are_an_error_naming_what_to_install()
    {
        Skip.If(OperatingSystem.IsWindows(), "PATH separator and names of a Unix host");
        Install("node");

        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(Require);

        Assert.Contains("npm is not on PATH", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("https://nodejs.org", thrown.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_real_process_runner_returns_the_programs_exit_code()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs sh");
        var runner = new SystemProcessRunner();

        Assert.Equal(0, await runner.RunAsync("/bin/sh", ["-c", "exit 0"], Path.GetTempPath(), CancellationToken.None));
        Assert.Equal(3, await runner.RunAsync("/bin/sh", ["-c", "exit 3"], Path.GetTempPath(), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Cancelling_the_run_ends_the_program()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs sh");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SystemProcessRunner().RunAsync("/bin/sh", ["-c", "sleep 30"], Path.GetTempPath(), cancellation.Token));
    }
}
