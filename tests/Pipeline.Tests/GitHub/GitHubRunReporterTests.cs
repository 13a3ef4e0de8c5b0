using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

public sealed class GitHubRunReporterTests : IAsyncLifetime, IDisposable
{
    private readonly string _summaryPath = Path.Combine(Path.GetTempPath(), $"summary-{Guid.NewGuid():N}.md");
    private readonly StringWriter _log = new();
    private FakeIssueCommentsApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeIssueCommentsApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public void Dispose()
    {
        File.Delete(_summaryPath);
        _log.Dispose();
    }

    private GitHubContext Context(string eventName, string gitRef) => new(
        "octo", "pipeline", _api.Server.BaseAddress, GitHubContext.DefaultServerUrl, 42, eventName, gitRef, _summaryPath, null, null);

    private GitHubRunReporter Reporter(GitHubContext context) => new(
        context, new WorkflowCommandWriter(_log), new PullRequestCommentPublisher(GitHubConnections.CreateClient(_api.Server.BaseAddress, "token")));

    private static async Task<PipelineRun> StageAsync(Func<StackPipeline, Task<StageResult>> stage, PipelineFixture? fixture = null)
    {
        fixture ??= new PipelineFixture();
        return new PipelineRun(StackOperation.Preview, [await stage(fixture.Pipeline)]);
    }

    [Fact]
    public async Task The_two_jobs_of_a_pull_request_fill_one_comment_with_both_stacks()
    {
        var fixture = new PipelineFixture();
        fixture.Stacks.Deploy("create-role");
        var context = Context("pull_request", "refs/pull/7/merge");

        await Reporter(context).PublishAsync(await StageAsync(p => p.RunCreateRoleAsync(PipelineFixture.Settings, StackOperation.Preview, default), fixture), default);
        await Reporter(context).PublishAsync(await StageAsync(p => p.RunAssumeRoleAsync(PipelineFixture.Settings, StackOperation.Preview, PipelineFixture.Credentials, default), fixture), default);

        var comment = Assert.Single(_api.Comments).Body;
        Assert.StartsWith(PullRequestCommentPublisher.Marker, comment, StringComparison.Ordinal);
        Assert.True(comment.IndexOf("create-role / dev", StringComparison.Ordinal) < comment.IndexOf("assume-role / dev", StringComparison.Ordinal));
        Assert.Contains("https://github.com/octo/pipeline/actions/runs/42", comment, StringComparison.Ordinal);
        Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_stack_of_the_run_goes_to_the_job_summary()
    {
        var run = await new PipelineFixture().Pipeline.UpAsync(PipelineFixture.Settings, default);

        await Reporter(Context("push", "refs/heads/main")).PublishAsync(run, default);

        var summary = await File.ReadAllTextAsync(_summaryPath);
        Assert.Contains("create-role / dev", summary, StringComparison.Ordinal);
        Assert.Contains("assume-role / dev", summary, StringComparison.Ordinal);
        Assert.Contains("create 5", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, summary, StringComparison.Ordinal);
        Assert.Empty(_api.Server.Requests); // no pull request, no comment
    }

    [Fact]
    public async Task A_failed_stage_becomes_an_error_annotation_saying_which_and_why()
    {
        var fixture = new PipelineFixture();
        fixture.Readiness.Refusal = "Gave up after 120s: still refused";
        var run = await fixture.Pipeline.UpAsync(PipelineFixture.Settings, default);

        await Reporter(Context("push", "refs/heads/main")).PublishAsync(run, default);

        Assert.Contains("::error title=Up failed::assume-role/dev: Gave up after 120s: still refused", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("failed", await File.ReadAllTextAsync(_summaryPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_GitHub_refuses_is_a_warning_not_a_failure()
    {
        await using var refusing = await LocalGitHubServer.StartAsync((_, response) =>
            LocalGitHubServer.Json(response, 403, """{"message":"Resource not accessible by integration"}"""));
        var context = Context("pull_request", "refs/pull/7/merge") with { ApiUrl = refusing.BaseAddress };
        var reporter = new GitHubRunReporter(context, new WorkflowCommandWriter(_log),
            new PullRequestCommentPublisher(GitHubConnections.CreateClient(refusing.BaseAddress, "token")));
        var report = StackReport.Skipped("assume-role", "dev", StackOperation.Preview, "no hand-off yet");

        await reporter.PublishAsync(new PipelineRun(StackOperation.Preview, [new StageResult(report)]), default);

        Assert.Contains("::warning title=PR comment not updated::The pull request comment could not be written (403", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("no hand-off yet", await File.ReadAllTextAsync(_summaryPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_summary_file_or_comment_token_it_only_annotates()
    {
        var context = Context("pull_request", "refs/pull/7/merge") with { StepSummaryPath = null };
        var report = new StackReport("create-role", "dev", StackOperation.Preview, StackOutcome.Failed,
            ImmutableDictionary<ChangeKind, int>.Empty, [], [], "", TimeSpan.Zero, "preview failed: boom");

        await new GitHubRunReporter(context, new WorkflowCommandWriter(_log), comments: null)
            .PublishAsync(new PipelineRun(StackOperation.Preview, [new StageResult(report)]), default);

        Assert.Contains("::error title=Preview failed::create-role/dev: preview failed: boom", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("::warning title=PR comment not updated::No GITHUB_TOKEN", _log.ToString(), StringComparison.Ordinal);
        Assert.Empty(_api.Server.Requests);
        Assert.False(File.Exists(_summaryPath));
    }
}
