using AssumeRolePipeline.Contracts.Failures;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// Checks, before any stack is touched, that what the pipeline needs is there: the Pulumi CLI, and an
/// AWS identity for the privileged stage. Each failure says what is missing and how to provide it.
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

    /// <summary>The path of the <c>pulumi</c> executable the Automation API will start (it searches PATH).</summary>
    public string RequirePulumiCli()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "pulumi.exe", "pulumi.cmd" } : ["pulumi"];
        var found = (_environment("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(_fileExists);
        return found ?? throw new ExplainedFailure(
            "The Pulumi CLI is not on PATH. Install it with 'curl -fsSL https://get.pulumi.com | sh' (Linux, macOS) or " +
            "'winget install pulumi' (Windows), see https://www.pulumi.com/docs/install/, then open a new shell.");
    }

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
