using AssumeRolePipeline.Contracts.Failures;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// Checks, before any stack is touched, that what the pipeline needs is there: the Pulumi CLI, an AWS identity for
/// the privileged stage, and Node.js with the policy pack's dependencies for a preview or update (installed here when
/// missing). Each failure says what is missing and how to provide it.
/// </summary>
public sealed class Preflight
{
    private readonly Func<string, string?> _environment;
    private readonly Func<string, bool> _fileExists;

    public Preflight(Func<string, string?> environment, Func<string, bool> fileExists)
    {
        _environment = environment;
        _fileExists = fileExists;
    }

    /// <summary>A file the pack's dependencies hold once they are installed: its CrossGuard library.</summary>
    public static readonly string InstalledMarker = Path.Combine("node_modules", "@pulumi", "policy", "package.json");

    private const string InstallNode = "Install Node.js 22 (https://nodejs.org), then open a new shell.";

    /// <summary>The path of the <c>pulumi</c> executable the Automation API will start (it searches PATH).</summary>
    public string RequirePulumiCli()
    {
        var found = OnPath(OperatingSystem.IsWindows() ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"]);
        return found ?? throw new ExplainedFailure(
            "The Pulumi CLI is not on PATH. Install it with 'curl -fsSL https://get.pulumi.com | sh' (Linux, macOS) or " +
            "'winget install pulumi' (Windows), see https://www.pulumi.com/docs/install/, then open a new shell.");
    }

    /// <summary>
    /// What the policy pack in <paramref name="packDirectory"/> needs, which the Pulumi CLI starts with Node.js during
    /// every preview and update: <c>node</c> on PATH, and the pack's dependencies, which are installed here from its
    /// lock file (<c>npm ci</c>) when they are missing. A missing gate is an error, never a skipped check.
    /// </summary>
    public async Task RequirePolicyPackAsync(string packDirectory, IProcessRunner processes, Action<string> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(progress);
        if (OnPath(OperatingSystem.IsWindows() ? ["node.exe"] : ["node"]) is null)
        {
            throw new ExplainedFailure(
                $"Node.js is not on PATH: every preview and update runs the policy pack in {packDirectory} with it. {InstallNode}");
        }

        if (_fileExists(Path.Combine(packDirectory, InstalledMarker)))
            return;

        var npm = OnPath(OperatingSystem.IsWindows() ? ["npm.cmd", "npm.exe"] : ["npm"]) ?? throw new ExplainedFailure(
            $"The policy pack's dependencies are not installed in {packDirectory}, and npm is not on PATH to install them. {InstallNode}");
        progress($"Installing the policy pack's dependencies: npm ci in {packDirectory} (once, from its package-lock.json)…");
        var exitCode = await processes.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], packDirectory, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || !_fileExists(Path.Combine(packDirectory, InstalledMarker)))
        {
            throw new ExplainedFailure(
                $"Installing the policy pack's dependencies failed: 'npm ci' in {packDirectory} exited with {exitCode} (its output is above). " +
                "Fix what it says, then run again.");
        }
    }

    private string? OnPath(string[] names) =>
        (_environment("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(_fileExists);

    /// <summary>Some source of AWS credentials the SDKs and the Pulumi AWS provider would find.</summary>
    public void RequirePrivilegedAwsCredentials()
    {
        bool Set(string name) => !string.IsNullOrWhiteSpace(_environment(name));
        var home = _environment("HOME") ?? _environment("USERPROFILE");
        var files = new[]
        {
            _environment("AWS_SHARED_CREDENTIALS_FILE") ?? (home is null ? null : Path.Combine(home, ".aws", "credentials")),
            _environment("AWS_CONFIG_FILE") ?? (home is null ? null : Path.Combine(home, ".aws", "config")),
        };
        var found = (Set("AWS_ACCESS_KEY_ID") && Set("AWS_SECRET_ACCESS_KEY"))
                    || Set("AWS_PROFILE")
                    || (Set("AWS_WEB_IDENTITY_TOKEN_FILE") && Set("AWS_ROLE_ARN"))
                    || Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || Set("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                    || files.Any(f => f is not null && _fileExists(f));
        if (!found)
        {
            throw new ExplainedFailure(
                "No AWS credentials were found for the privileged stage (create-role). Set AWS_ACCESS_KEY_ID and " +
                "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or AWS_PROFILE, or run 'aws configure' / " +
                "'aws sso login'. They need IAM rights to create users, access keys and roles.");
        }
    }
}
