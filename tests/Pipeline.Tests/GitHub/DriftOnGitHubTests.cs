using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Tests.Drift;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

/// <summary>A drift run on GitHub, through the one reporter of every run: the job summary and the annotations.</summary>
public sealed class DriftOnGitHubTests : IDisposable
{
    private readonly string _summaryPath = Path.GetTempFileName();
    private readonly StringWriter _log = new();

    public void Dispose() => File.Delete(_summaryPath);

    private void Publish(PipelineRun run) =>
        new GitHubRunReporter(
                new GitHubContext("o", "r", GitHubContext.DefaultApiUrl, GitHubContext.DefaultServerUrl, 1, "schedule", "refs/heads/main", _summaryPath, null, null),
                new WorkflowCommandWriter(_log), comments: null)
            .PublishAsync(run, CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public async Task Drift_goes_to_the_job_summary_and_a_warning_annotation_per_drifted_stack()
    {
        var fixture = new DriftFixture();
        fixture.Drift("assume-role", RefreshEvent.ResultOp("Delete", "assume-role", DriftFixture.Bucket, "bucket"));
        var run = await fixture.Pipeline.RunAsync(PipelineFixture.Settings, StackOperation.Drift, CancellationToken.None);

        Publish(run);

        var summary = await File.ReadAllTextAsync(_summaryPath);
        Assert.Contains("### ✅ create-role / dev — no drift", summary, StringComparison.Ordinal);
        Assert.Contains("| bucket | `aws:s3/bucket:Bucket` | deleted out of band | — |", summary, StringComparison.Ordinal);
        Assert.Contains("::warning title=Drift in assume-role/dev::assume-role/dev: drift found: 1 resource differs from the state", _log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("::error", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_that_could_not_be_checked_is_an_error_annotation()
    {
        var fixture = new DriftFixture();
        fixture.Stacks.Failures[("assume-role", StackOperation.Drift)] = new StackOperationException(StackFailure.OperationFailed, "error: AccessDenied");
        var run = await fixture.Pipeline.RunAsync(PipelineFixture.Settings, StackOperation.Drift, CancellationToken.None);

        Publish(run);

        Assert.Contains("::error title=Drift failed::assume-role/dev: drift failed: AccessDenied", _log.ToString(), StringComparison.Ordinal);
    }
}
