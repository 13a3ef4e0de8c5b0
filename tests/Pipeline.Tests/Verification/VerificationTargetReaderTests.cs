using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.Verification;

public sealed class VerificationTargetReaderTests
{
    private readonly PipelineFixture _fixture = new();

    private Task<VerificationTarget> ReadAsync(UnprivilegedCredentials? credentials) =>
        new VerificationTargetReader(_fixture.Stacks, _fixture.Masker).ReadAsync(PipelineFixture.Settings, credentials, CancellationToken.None);

    [Fact]
    public async Task Takes_the_bucket_from_assume_role_and_the_user_from_the_settings_in_the_roles_account()
    {
        _fixture.Stacks.Deploy(AssumeRoleContract.ProjectName);

        var target = await ReadAsync(PipelineFixture.Credentials);

        Assert.Equal(new VerificationTarget("dev", "us-east-1", InMemoryStackOperator.RoleArn,
            "arn:aws:iam::123456789012:user/assume-role-pipeline-dev", "bucket-9f8e7d", "assume-role-dev"), target);
        var read = Assert.Single(_fixture.Stacks.StateReads);
        Assert.Equal(AssumeRoleContract.ProjectName, read.Project);
        Assert.Equal(PipelineFixture.Settings.Backend.Environment, read.Environment);
        Assert.Empty(_fixture.Stacks.Calls); // read only: nothing deployed, previewed or destroyed
    }

    [Fact]
    public async Task A_state_that_cannot_be_read_stops_Verify_without_quoting_Pulumi_as_every_stage_does()
    {
        const string pulumiSays = "error: decrypting secret value: wJalrXUtnFEMI/K7MDENG+bPxRfiCYUNKNOWNKEY";
        _fixture.Stacks.StateReadFailure = new StackOperationException(StackFailure.OperationFailed, pulumiSays);

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => ReadAsync(PipelineFixture.Credentials));

        Assert.StartsWith("Could not read the state of assume-role/dev. Pulumi's message is withheld", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("decrypting", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("UNKNOWNKEY", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passes_the_external_id_of_the_settings_on()
    {
        _fixture.Stacks.Deploy(AssumeRoleContract.ProjectName);
        var settings = PipelineFixture.Settings with { ExternalId = "PulumiApplication" };

        var target = await new VerificationTargetReader(_fixture.Stacks, _fixture.Masker).ReadAsync(settings, PipelineFixture.Credentials, default);

        Assert.Equal("PulumiApplication", target.ExternalId);
    }

    [Fact]
    public async Task Without_credentials_there_is_nothing_to_verify_and_it_says_what_to_do()
    {
        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(() => ReadAsync(null));

        Assert.Contains("create-role/dev exports no credentials", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh Up", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_assume_role_is_deployed_there_is_no_bucket_and_it_says_so()
    {
        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(() => ReadAsync(PipelineFixture.Credentials));

        Assert.Contains("assume-role/dev exports no bucketName", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("UpAssumeRole", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_handed_off_role_ARN_is_named_before_anything_is_read()
    {
        var thrown = await Assert.ThrowsAsync<InvalidInputException>(() =>
            ReadAsync(PipelineFixture.Credentials with { RoleArn = "arn:aws:iam::12:role/x" }));

        Assert.Contains("handed-off role ARN", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::12:role/x", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Stacks.StateReads);
    }

    [Fact]
    public async Task A_handed_off_role_ARN_or_key_id_with_a_line_break_after_it_is_refused_before_anything_is_read()
    {
        var arn = await Assert.ThrowsAsync<InvalidInputException>(() =>
            ReadAsync(PipelineFixture.Credentials with { RoleArn = PipelineFixture.Credentials.RoleArn + "\n" }));
        var key = await Assert.ThrowsAsync<InvalidInputException>(() =>
            ReadAsync(PipelineFixture.Credentials with { AccessKeyId = PipelineFixture.Credentials.AccessKeyId + "\n" }));

        Assert.Contains("handed-off role ARN", arn.Message, StringComparison.Ordinal);
        Assert.Contains("handed-off access key id", key.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Stacks.StateReads);
    }

    [Fact]
    public void A_role_ARN_with_a_line_break_after_it_is_not_taken_apart() =>
        Assert.Throws<InvalidInputException>(() => RoleArnParts.Parse("arn:aws:iam::123456789012:role/x\n"));
}
