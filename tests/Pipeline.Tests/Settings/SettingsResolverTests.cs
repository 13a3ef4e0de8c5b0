using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Settings;

public sealed class SettingsResolverTests
{
    private const string Root = "/repo";

    private readonly Dictionary<string, string> _environment = new()
    {
        ["AWS_REGION"] = "eu-central-1",
        ["HOME"] = "/home/dev",
    };

    private PipelineSettings Resolve(PipelineInputs? inputs = null, bool server = false) =>
        new SettingsResolver(name => _environment.GetValueOrDefault(name)).Resolve(inputs ?? new PipelineInputs(), Root, server);

    [Fact]
    public void Defaults_need_nothing_but_a_region()
    {
        var settings = Resolve();

        Assert.Equal("dev", settings.Stack);
        Assert.Equal("eu-central-1", settings.Region);
        Assert.Equal("assume-role-pipeline-dev", settings.UnprivilegedUserName);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ReadinessTimeout);
        Assert.True(settings.Backend.IsLocalDefault);
        Assert.Equal("file:///repo/.pulumi-state", settings.Backend.Url);
    }

    [Fact]
    public void The_local_backend_encrypts_with_a_passphrase_kept_outside_the_work_tree()
    {
        var environment = Resolve().Backend.Environment;

        Assert.Equal("file:///repo/.pulumi-state", environment["PULUMI_BACKEND_URL"]);
        var passphraseFile = environment["PULUMI_CONFIG_PASSPHRASE_FILE"];
        Assert.Equal("/home/dev/.config/assume-role-pipeline/local-state.passphrase", passphraseFile?.Replace('\\', '/'));
        Assert.False(passphraseFile!.StartsWith(Root, StringComparison.Ordinal));
    }

    [Fact]
    public void A_passphrase_the_user_set_is_kept()
    {
        _environment["PULUMI_CONFIG_PASSPHRASE"] = "correct horse";

        Assert.False(Resolve().Backend.Environment.ContainsKey("PULUMI_CONFIG_PASSPHRASE_FILE"));
    }

    [Fact]
    public void Region_falls_back_to_AWS_DEFAULT_REGION_and_the_command_line_wins()
    {
        _environment.Remove("AWS_REGION");
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";

        Assert.Equal("us-west-2", Resolve().Region);
        Assert.Equal("ap-southeast-5", Resolve(new PipelineInputs(Region: "ap-southeast-5")).Region);
    }

    [Fact]
    public void No_region_anywhere_is_one_clear_error()
    {
        _environment.Remove("AWS_REGION");

        var thrown = Assert.Throws<InvalidInputException>(() => Resolve());

        Assert.Equal("The AWS region (--region, AWS_REGION or AWS_DEFAULT_REGION) is missing: " +
                     "a region code such as us-east-1, eu-central-2, us-gov-west-1 or cn-north-1.", thrown.Message);
    }

    [Theory]
    [InlineData("dev stack", "stack name (--stack) 'dev stack'")]
    [InlineData("bad/", "stack name (--stack) 'bad/'")]
    public void Invalid_stack_names_are_refused(string stack, string expected)
    {
        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(Stack: stack)));

        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_user_name_and_region_are_refused_naming_the_parameter()
    {
        Assert.Contains("--unprivileged-user", Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(UnprivilegedUser: "no spaces"))).Message, StringComparison.Ordinal);
        Assert.Contains("'Frankfurt'", Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(Region: "Frankfurt"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_name_is_derived_from_the_stack_and_stays_a_valid_IAM_name()
    {
        Assert.Equal("assume-role-pipeline-prod", Resolve(new PipelineInputs(Stack: "acme/prod")).UnprivilegedUserName);

        var longName = Resolve(new PipelineInputs(Stack: new string('s', 90))).UnprivilegedUserName;
        Assert.Equal(64, longName.Length);
        Assert.Null(InputRules.IamUserName(longName));
    }

    [Fact]
    public void On_a_CI_server_a_local_backend_is_refused()
    {
        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(server: true));

        Assert.Contains("on a CI server the state must outlive the runner", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("PULUMI_ACCESS_TOKEN", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--backend")]
    [InlineData("PULUMI_BACKEND_URL")]
    public void On_a_CI_server_an_explicit_file_backend_is_refused_like_the_default(string givenAs)
    {
        _environment["PULUMI_CONFIG_PASSPHRASE"] = "set";
        const string url = "file:///home/runner/work/state";
        if (givenAs == "PULUMI_BACKEND_URL")
            _environment["PULUMI_BACKEND_URL"] = url;

        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(Backend: givenAs == "--backend" ? url : null), server: true));

        Assert.Contains($"'{url}'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("on a CI server the state must outlive the runner", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(url, Resolve(new PipelineInputs(Backend: url), server: false).Backend.Url);
    }

    [Theory]
    [InlineData("http://pulumi.internal.example")]
    [InlineData("HTTP://pulumi.internal.example/api")]
    public void A_backend_over_plain_http_is_refused(string url)
    {
        _environment["PULUMI_ACCESS_TOKEN"] = "pul-0123456789";

        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(Backend: url)));

        Assert.Contains("https://", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("travel in clear", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://deploy:s3cr3t@state.example.com/api?token=t0k3n", "'ftp://state.example.com/api'")]
    [InlineData("http://deploy:s3cr3t@pulumi.example.com/?token=t0k3n", "'http://pulumi.example.com'")]
    [InlineData("file:///home/runner/state?token=t0k3n", "'file:///home/runner/state'")]
    [InlineData("s3://deploy:s3cr3t@state?token=t0k3n", "'s3://state'")]
    [InlineData("gs://state?token=t0k3n#s3cr3t", null)]
    [InlineData("no scheme deploy:s3cr3t@host?token=t0k3n", "'host'")]
    public void Messages_about_a_backend_never_repeat_its_user_info_or_query(string url, string? shown)
    {
        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(Backend: url), server: true));

        Assert.DoesNotContain("s3cr3t", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n", thrown.Message, StringComparison.Ordinal);
        if (shown is not null)
            Assert.Contains(shown, thrown.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/work/my repo", "file:///work/my%20repo/.pulumi-state")]
    [InlineData("/work/repo#2", "file:///work/repo%232/.pulumi-state")]
    [InlineData("/work/100%", "file:///work/100%25/.pulumi-state")]
    [InlineData("/work/what?", "file:///work/what%3F/.pulumi-state")]
    [InlineData("/work/a%20b", "file:///work/a%2520b/.pulumi-state")]
    public void The_local_state_URL_keeps_every_character_of_the_repository_path(string root, string expected)
    {
        Skip.If(OperatingSystem.IsWindows(), "the repository paths here are Unix paths");

        var backend = new SettingsResolver(name => _environment.GetValueOrDefault(name)).Resolve(new PipelineInputs(), root, false).Backend;

        Assert.Equal(expected, backend.Url);
        Assert.Equal(Path.Combine(root, ".pulumi-state"), new Uri(backend.Url).LocalPath);
    }

    [Fact]
    public void On_a_CI_server_a_Pulumi_Cloud_token_selects_Pulumi_Cloud()
    {
        _environment["PULUMI_ACCESS_TOKEN"] = "pul-0123456789";

        var backend = Resolve(server: true).Backend;

        Assert.Equal("https://api.pulumi.com", backend.Url);
        Assert.False(backend.IsSelfManaged);
    }

    [Fact]
    public void A_self_managed_backend_without_a_passphrase_is_refused_before_it_could_prompt()
    {
        _environment["PULUMI_BACKEND_URL"] = "azblob://state";

        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(server: true));

        Assert.Contains("azblob://state encrypts secrets with a passphrase", thrown.Message, StringComparison.Ordinal);

        _environment["PULUMI_CONFIG_PASSPHRASE"] = "set";
        Assert.Equal("azblob://state", Resolve(server: true).Backend.Url);
    }

    [Fact]
    public void An_s3_backend_is_refused_because_the_unprivileged_user_could_not_read_it()
    {
        _environment["PULUMI_CONFIG_PASSPHRASE"] = "set";

        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(Backend: "s3://my-state")));

        Assert.Contains("'s3://my-state'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("unprivileged user has no S3 access", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_that_is_not_a_URL_is_refused()
    {
        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(Backend: "my state")));

        Assert.Contains("'my state'", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(901)]
    public void Readiness_timeout_is_bounded(int seconds)
    {
        var thrown = Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(ReadinessTimeoutSeconds: seconds)));

        Assert.Contains("from 5 to 900", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_assume_role_settings_are_checked()
    {
        Assert.Equal("45m", Resolve(new PipelineInputs(SessionDuration: "45m")).SessionDuration);
        Assert.Contains("--session-duration", Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(SessionDuration: "2d"))).Message, StringComparison.Ordinal);
        Assert.Contains("--external-id", Assert.Throws<InvalidInputException>(() => Resolve(new PipelineInputs(ExternalId: "x"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)] // GitHub passes an unset variable as an empty string
    [InlineData("arn:aws:iam::123456789012:policy/assume-role-pipeline-boundary", "arn:aws:iam::123456789012:policy/assume-role-pipeline-boundary")]
    public void The_permissions_boundary_comes_from_its_variable(string? variable, string? boundary)
    {
        _environment["AWS_PERMISSIONS_BOUNDARY_ARN"] = variable!;

        Assert.Equal(boundary, Resolve().PermissionsBoundary);
    }

    [Theory]
    [InlineData("assume-role-pipeline-boundary")]
    [InlineData("arn:aws:iam::123456789012:role/assume-role-pipeline-boundary")]
    [InlineData("arn:aws:iam::123456789012:policy/a b")]
    public void A_boundary_that_is_not_a_policy_arn_is_refused_naming_the_variable(string variable)
    {
        _environment["AWS_PERMISSIONS_BOUNDARY_ARN"] = variable;

        var error = Assert.Throws<InvalidInputException>(() => Resolve());

        Assert.Contains("AWS_PERMISSIONS_BOUNDARY_ARN", error.Message, StringComparison.Ordinal);
        Assert.Contains(":policy/", error.Message, StringComparison.Ordinal);
    }
}
