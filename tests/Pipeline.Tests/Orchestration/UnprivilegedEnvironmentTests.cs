using AssumeRolePipeline.Pipeline.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class UnprivilegedEnvironmentTests
{
    [Fact]
    public async Task The_environment_handed_to_assume_role_holds_only_the_new_identity()
    {
        var fixture = new PipelineFixture();

        await fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

        var environment = fixture.Stacks.Calls.Single(c => c.Request.Project == "assume-role").Request.Environment;
        foreach (var name in new[] { "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN",
                     "AWS_ROLE_SESSION_NAME", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                     "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE" })
        {
            Assert.True(environment.ContainsKey(name), $"{name} is not overridden");
            Assert.Null(environment[name]);
        }

        Assert.Equal(InMemoryStackOperator.AccessKeyId, environment["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("us-east-1", environment["AWS_REGION"]);
        Assert.Equal("us-east-1", environment["AWS_DEFAULT_REGION"]);
        Assert.Equal("true", environment["AWS_EC2_METADATA_DISABLED"]);
    }

    [Fact]
    public void Profile_files_are_pointed_at_nothing_so_a_default_profile_cannot_be_read()
    {
        var environment = UnprivilegedEnvironment.For(PipelineFixture.Credentials, "eu-west-1");

        Assert.Equal(OperatingSystem.IsWindows() ? "NUL" : "/dev/null", environment["AWS_SHARED_CREDENTIALS_FILE"]);
        Assert.Equal(environment["AWS_SHARED_CREDENTIALS_FILE"], environment["AWS_CONFIG_FILE"]);
    }

    [Fact]
    public void Every_credential_variable_of_the_AWS_tools_is_covered()
    {
        var environment = UnprivilegedEnvironment.For(PipelineFixture.Credentials, "eu-west-1");

        Assert.Equal(15, UnprivilegedEnvironment.CredentialVariables.Length);
        Assert.All(UnprivilegedEnvironment.CredentialVariables, name => Assert.True(environment.ContainsKey(name), name));
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        var text = $"{PipelineFixture.Credentials}";

        Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, text, StringComparison.Ordinal);
        Assert.Contains(InMemoryStackOperator.AccessKeyId, text, StringComparison.Ordinal);
    }
}
