using AssumeRolePipeline.Pipeline.Operations.Deploy;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Tests.GitHub;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

/// <summary>
/// A canary secret through a review stack's life: the deploy of pr-12 with its own user, the unprivileged half's key read
/// from the state (a review stack has no hand-off), the pull request's comment with sections of its own, and the teardown.
/// </summary>
public sealed class ReviewStackCanaryTests : IAsyncLifetime, IDisposable
{
    private const string Canary = "CANARY+review/4b1e9d-do-not-print";
    private static readonly ReviewStackName Review = ReviewStackName.For(12);

    private readonly string _summaryPath = Path.GetTempFileName();
    private readonly StringWriter _log = new();
    private FakeIssueCommentsApi _commentsApi = null!;

    public async Task InitializeAsync() => _commentsApi = await FakeIssueCommentsApi.StartAsync();

    public async Task DisposeAsync() => await _commentsApi.DisposeAsync();

    public void Dispose() => File.Delete(_summaryPath);

    [Fact]
    public async Task Deploy_comment_and_teardown_of_a_review_stack_never_show_its_key()
    {
        var commands = new WorkflowCommandWriter(_log);
        var masker = new SecretMasker(commands.AddMask);
        var stacks = new InMemoryStackOperator { CreateRoleSecret = Canary, EchoLine = $"secretAccessKey: {Canary}" };
        var settings = PipelineFixture.Settings with { Stack = Review.Stack, UnprivilegedUserName = Review.UserName };
        var pipeline = new StackPipeline(stacks, new FakeReadiness(), masker, new RecordingOutput(), TimeProvider.System);
        var reporter = new GitHubRunReporter(
            new GitHubContext("o", "r", _commentsApi.Server.BaseAddress, GitHubContext.DefaultServerUrl, 1, "pull_request", "refs/pull/12/merge",
                _summaryPath, null, null),
            commands, new PullRequestCommentPublisher(GitHubConnections.CreateClient(_commentsApi.Server.BaseAddress, "t")));

        var up = await pipeline.UpAsync(settings, CancellationToken.None);
        await reporter.PublishAsync(up, CancellationToken.None);
        var deployed = Assert.Single(_commentsApi.Comments).Body;
        var fromState = await pipeline.CurrentCredentialsAsync(settings, CancellationToken.None);

        Assert.True(up.Succeeded, up.Failure);
        Assert.Equal(Review.UserName, Assert.Single(stacks.Calls, c => c.Request.Project == "create-role" && c.Operation == Model.StackOperation.Up).Request
            .Config["create-role:unprivilegedUsername"].Value);
        Assert.All(stacks.Calls, c => Assert.Equal("pr-12", c.Request.Stack));
        Assert.Equal(Canary, fromState!.SecretAccessKey);
        Assert.Contains("<!-- assume-role-pipeline:section create-role@pr-12 -->", deployed, StringComparison.Ordinal);
        Assert.Contains("<!-- assume-role-pipeline:section assume-role@pr-12 -->", deployed, StringComparison.Ordinal);
        Assert.Contains(InMemoryStackOperator.RoleArn, deployed, StringComparison.Ordinal);
        Assert.Contains("bucket-9f8e7d", deployed, StringComparison.Ordinal);

        var down = await pipeline.DestroyAsync(settings, force: false, CancellationToken.None);
        await reporter.PublishAsync(down, CancellationToken.None);
        var tornDown = Assert.Single(_commentsApi.Comments).Body;

        Assert.True(down.Succeeded, down.Failure);
        Assert.Equal(0, stacks.State("create-role").ResourceCount);
        Assert.Equal(0, stacks.State("assume-role").ResourceCount);
        Assert.Contains("destroy", tornDown, StringComparison.OrdinalIgnoreCase);
        foreach (var text in new[] { deployed, tornDown, File.ReadAllText(_summaryPath), _log.ToString().Replace($"::add-mask::{Canary}", "", StringComparison.Ordinal) })
            Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
    }
}
