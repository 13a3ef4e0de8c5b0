using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class UnprivilegedEnvironmentTests
{
    /// <summary>
    /// Written out here from AWS's documentation, not taken from the code under test: the environment
    /// variables from which the AWS CLI and SDKs ("Environment variables to configure the AWS CLI"; the AWS
    /// SDKs and Tools Reference Guide: static credentials, shared config files, profiles, assume role with web
    /// identity, container credentials) and, legacy, boto (AWS_SECURITY_TOKEN) and the CLI v1
    /// (AWS_DEFAULT_PROFILE) take an identity or a file that names one.
    /// </summary>
    private static readonly string[] Documented =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    ];

    public static TheoryData<string> DocumentedCredentialVariables => [.. Documented];

    private static readonly IReadOnlyDictionary<string, string?> Environment =
        UnprivilegedEnvironment.For(PipelineFixture.Credentials, "eu-west-1");

    private static string NullDevice => OperatingSystem.IsWindows() ? "NUL" : "/dev/null";

    /// <summary>Each one is set by the pipeline to the new identity, or removed, so the caller's cannot leak in.</summary>
    [Theory]
    [MemberData(nameof(DocumentedCredentialVariables))]
    public void Every_documented_credential_variable_is_overridden(string name)
    {
        Assert.True(Environment.ContainsKey(name), $"{name} would be inherited from the caller's environment");
        var expected = name switch
        {
            "AWS_ACCESS_KEY_ID" => PipelineFixture.Credentials.AccessKeyId,
            "AWS_SECRET_ACCESS_KEY" => PipelineFixture.Credentials.SecretAccessKey,
            "AWS_CONFIG_FILE" or "AWS_SHARED_CREDENTIALS_FILE" => NullDevice,
            _ => null,
        };
        Assert.Equal(expected, Environment[name]);
    }

    /// <summary>
    /// The Go SDK under the Pulumi AWS provider (aws-sdk-go-v2, config/env_config.go) also reads AWS_ACCESS_KEY
    /// and AWS_SECRET_KEY, but only when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are empty.
    /// </summary>
    [Fact]
    public void The_Go_SDKs_fallback_key_variables_stay_unread()
    {
        Assert.False(string.IsNullOrEmpty(Environment["AWS_ACCESS_KEY_ID"]));
        Assert.False(string.IsNullOrEmpty(Environment["AWS_SECRET_ACCESS_KEY"]));
    }

    [Fact]
    public async Task The_environment_handed_to_assume_role_holds_only_the_new_identity()
    {
        var fixture = new PipelineFixture();

        await fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        var environment = fixture.Stacks.Calls.Single(c => c is { Request.Project: "assume-role", Operation: StackOperation.Up }).Request.Environment;
        Assert.All(Documented, name => Assert.True(environment.ContainsKey(name), $"{name} is not overridden"));
        Assert.Null(environment["AWS_SESSION_TOKEN"]);
        Assert.Null(environment["AWS_PROFILE"]);
        Assert.Equal(InMemoryStackOperator.AccessKeyId, environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("us-east-1", environment["AWS_REGION"]);
        Assert.Equal("us-east-1", environment["AWS_DEFAULT_REGION"]);
        Assert.Equal("true", environment["AWS_EC2_METADATA_DISABLED"]);
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        var text = $"{PipelineFixture.Credentials}";

        Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, text, StringComparison.Ordinal);
        Assert.Contains(InMemoryStackOperator.AccessKeyId, text, StringComparison.Ordinal);
    }
}
