using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Settings;

public sealed class PreflightTests
{
    private readonly Dictionary<string, string> _environment = new() { ["HOME"] = "/home/dev", ["PATH"] = "/usr/bin:/opt/pulumi/bin" };
    private readonly HashSet<string> _files = [];

    private Preflight Preflight => new(name => _environment.GetValueOrDefault(name), path => _files.Contains(path.Replace('\\', '/')));

    [Fact]
    public void Finds_the_Pulumi_CLI_on_PATH()
    {
        _files.Add(OperatingSystem.IsWindows() ? "/opt/pulumi/bin/pulumi.exe" : "/opt/pulumi/bin/pulumi");

        Assert.EndsWith("pulumi" + (OperatingSystem.IsWindows() ? ".exe" : string.Empty), Preflight.RequirePulumiCli(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_Pulumi_CLI_says_how_to_install_it()
    {
        var thrown = Assert.Throws<ExplainedFailure>(() => Preflight.RequirePulumiCli());

        Assert.Contains("The Pulumi CLI is not on PATH", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("https://get.pulumi.com", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_AWS_credentials_at_all_is_one_clear_error()
    {
        var thrown = Assert.Throws<ExplainedFailure>(() => Preflight.RequirePrivilegedAwsCredentials());

        Assert.StartsWith("No AWS credentials were found for the privileged stage", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_id_without_its_secret_is_not_credentials()
    {
        _environment["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE";

        Assert.Throws<ExplainedFailure>(() => Preflight.RequirePrivilegedAwsCredentials());
    }

    [Theory]
    [InlineData("AWS_PROFILE")]
    [InlineData("AWS_CONTAINER_CREDENTIALS_FULL_URI")]
    public void Named_credential_sources_are_accepted(string variable)
    {
        _environment[variable] = "value";

        Preflight.RequirePrivilegedAwsCredentials();
    }

    [Fact]
    public void Static_keys_web_identity_and_shared_files_are_accepted()
    {
        var preflight = Preflight;
        _environment["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE";
        _environment["AWS_SECRET_ACCESS_KEY"] = "secret";
        preflight.RequirePrivilegedAwsCredentials();

        _environment.Clear();
        _environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = "/token";
        _environment["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/deployer";
        preflight.RequirePrivilegedAwsCredentials();

        _environment.Clear();
        _environment["HOME"] = "/home/dev";
        _files.Add("/home/dev/.aws/config");
        preflight.RequirePrivilegedAwsCredentials();
        Assert.Contains("/home/dev/.aws/config", _files);
    }
}
