using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class PreviewTests
{
    private readonly PipelineFixture _fixture = new();

    [Fact]
    public async Task Preview_of_a_deployed_pipeline_previews_both_stacks_with_their_identities_and_changes_nothing()
    {
        _fixture.Stacks.Deploy("create-role");
        _fixture.Stacks.Deploy("assume-role");

        var run = await _fixture.Pipeline.PreviewAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal(
            [("create-role", StackOperation.Preview), ("assume-role", StackOperation.Preview)],
            _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        Assert.Equal(InMemoryStackOperator.AccessKeyId, _fixture.Stacks.Calls[1].Request.Environment["AWS_ACCESS_KEY_ID"]);
        Assert.All(run.Reports, r => Assert.False(r.HasChanges));
    }

    [Fact]
    public async Task Preview_before_the_first_deployment_says_why_assume_role_is_not_previewed()
    {
        var run = await _fixture.Pipeline.PreviewAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.Equal([("create-role", StackOperation.Preview)], _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        Assert.Equal(5, run.Reports[0].Count(ChangeKind.Create));
        var skipped = run.Reports[1];
        Assert.Equal(StackOutcome.Skipped, skipped.Outcome);
        Assert.Contains("create-role/dev is not deployed yet", skipped.Note, StringComparison.Ordinal);
        Assert.Empty(_fixture.Readiness.Calls);
    }

    [Fact]
    public async Task The_deployed_secret_is_masked_before_the_create_role_preview_prints_anything()
    {
        _fixture.Stacks.Deploy("create-role");
        _fixture.Stacks.EchoLine = $"key: {InMemoryStackOperator.SecretAccessKey}";

        await _fixture.Pipeline.PreviewAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.Contains("pulumi: key: ***", _fixture.Output.Lines);
        Assert.All(_fixture.Output.Lines, l => Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unprivileged_update_without_credentials_fails_saying_what_to_do()
    {
        var stage = await _fixture.Pipeline.RunAssumeRoleAsync(PipelineFixture.Settings, StackOperation.Up, credentials: null, CancellationToken.None);

        Assert.True(stage.Failed);
        Assert.Contains("deploys both stacks", stage.Report.Note, StringComparison.Ordinal);
        Assert.Empty(_fixture.Stacks.Calls);
    }

    [Fact]
    public async Task An_unprivileged_preview_without_credentials_is_skipped()
    {
        var stage = await _fixture.Pipeline.RunAssumeRoleAsync(PipelineFixture.Settings, StackOperation.Preview, credentials: null, CancellationToken.None);

        Assert.Equal(StackOutcome.Skipped, stage.Report.Outcome);
        Assert.Empty(_fixture.Stacks.Calls);
    }

    [Fact]
    public void Unmerged_code_gets_an_assume_role_section_that_says_why_it_was_not_previewed()
    {
        var stage = StackPipeline.AssumeRoleNotPreviewedForUnmergedCode(PipelineFixture.Settings);

        Assert.Equal(StackOutcome.Skipped, stage.Report.Outcome);
        Assert.Equal(("assume-role", "dev", StackOperation.Preview), (stage.Report.Project, stage.Report.Stack, stage.Report.Operation));
        Assert.Contains("not merged", stage.Report.Note, StringComparison.Ordinal);
        Assert.Contains("Threat model", stage.Report.Note, StringComparison.Ordinal);
        Assert.Null(stage.Credentials);
    }
}
