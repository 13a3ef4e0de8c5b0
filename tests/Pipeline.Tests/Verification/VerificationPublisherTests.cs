using System.Text;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Publishing.Verification;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Tests.GitHub;
using AssumeRolePipeline.Pipeline.Tests.Readiness;
using Spectre.Console;
using static AssumeRolePipeline.Pipeline.Operations.Verification.LeastPrivilegeVerifier;

namespace AssumeRolePipeline.Pipeline.Tests.Verification;

public sealed class VerificationPublisherTests : IAsyncLifetime, IDisposable
{
    private const string Canary = "CANARY+verify/5d1e0b7a-do-not-print";

    private readonly string _summaryPath = Path.Combine(Path.GetTempPath(), $"verify-summary-{Guid.NewGuid():N}.md");
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

    private VerificationPublisher Publisher(GitHubContext context) => new(
        context, new WorkflowCommandWriter(_log), new PullRequestCommentPublisher(GitHubConnections.CreateClient(_api.Server.BaseAddress, "token")));

    [Fact]
    public async Task A_pull_request_gets_the_proof_as_its_own_section_of_the_pipelines_comment()
    {
        var context = Context("pull_request", "refs/pull/7/merge");
        await new PullRequestCommentPublisher(GitHubConnections.CreateClient(_api.Server.BaseAddress, "token"))
            .UpsertSectionAsync("octo", "pipeline", 7, PullRequestCommentPublisher.SectionId("dev", "create-role"), "### create-role preview", context.RunUrl, default);

        await Publisher(context).PublishAsync(VerificationRenderingTests.Report(), default);

        var comment = Assert.Single(_api.Comments).Body;
        Assert.Contains("### create-role preview", comment, StringComparison.Ordinal);
        Assert.Contains($"<!-- assume-role-pipeline:section {VerificationPublisher.SectionId}@dev -->", comment, StringComparison.Ordinal);
        Assert.Contains("Verify · dev — least privilege not proven", comment, StringComparison.Ordinal);
        Assert.True(comment.IndexOf("create-role preview", StringComparison.Ordinal) < comment.IndexOf("Verify · dev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_push_gets_the_job_summary_and_an_error_naming_the_false_claim_but_no_comment()
    {
        await Publisher(Context("push", "refs/heads/main")).PublishAsync(VerificationRenderingTests.Report(), default);

        var summary = await File.ReadAllTextAsync(_summaryPath);
        Assert.Contains("| The key alone cannot list buckets | ✅ holds |", summary, StringComparison.Ordinal);
        Assert.Contains($"::error title=Verify failed::Least privilege of dev is not proven; false: '{KeyCannotReadBucket}'", _log.ToString(), StringComparison.Ordinal);
        Assert.Empty(_api.Server.Requests);
    }

    [Fact]
    public async Task A_proven_claim_gets_no_error_annotation()
    {
        var report = VerificationRenderingTests.Report();
        report = report with { Claims = [.. report.Claims.Select(c => c with { Result = ClaimResult.Holds })] };

        await Publisher(Context("push", "refs/heads/main")).PublishAsync(report, default);

        Assert.DoesNotContain("::error", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("least privilege proven", await File.ReadAllTextAsync(_summaryPath), StringComparison.Ordinal);
    }

    /// <summary>
    /// A canary secret as the handed-off key's, repeated by S3 in every error it answers: it must reach
    /// no row, console, summary, annotation or comment, and only the mask command may carry it.
    /// </summary>
    [Fact]
    public async Task The_canary_secret_is_never_printed()
    {
        await using var sts = await LocalStsServer.StartAsync();
        await using var s3 = await LocalS3Server.StartAsync();
        sts.CallerArn = "arn:aws:iam::123456789012:user/someone-else";
        s3.ErrorMessage = $"you sent {Canary} ({Convert.ToBase64String(Encoding.UTF8.GetBytes(Canary))})";
        s3.Replies[(LocalS3Server.Session, LocalS3Server.HeadBucket)] = "403:AccessDenied";
        s3.Replies[(LocalS3Server.Session, LocalS3Server.ListObjects)] = "403:AccessDenied";
        var commands = new WorkflowCommandWriter(_log);
        var masker = new SecretMasker(commands.AddMask);
        var credentials = LeastPrivilegeVerifierTests.Credentials with { SecretAccessKey = Canary };

        var report = await new LeastPrivilegeVerifier(new AwsClientFactory(sts.Url, s3.Url), masker)
            .VerifyAsync(credentials, LeastPrivilegeVerifierTests.Target, default);
        var console = new StringWriter();
        VerificationConsoleReport.Write(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) }), report);
        await new VerificationPublisher(Context("pull_request", "refs/pull/7/merge"), commands,
            new PullRequestCommentPublisher(GitHubConnections.CreateClient(_api.Server.BaseAddress, "token"))).PublishAsync(report, default);

        Assert.False(report.Proven);
        Assert.Contains("you sent *** (***)", report.Claims[1].Evidence, StringComparison.Ordinal);
        var log = string.Join('\n', _log.ToString().Split('\n').Where(line => !line.StartsWith("::add-mask::", StringComparison.Ordinal)));
        string[] printed = [string.Join('\n', report.Claims), report.Failure!, console.ToString(), await File.ReadAllTextAsync(_summaryPath), log, Assert.Single(_api.Comments).Body];
        foreach (var text in printed)
        {
            Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Canary)), text, StringComparison.Ordinal);
            Assert.DoesNotContain(LocalStsServer.SessionToken, text, StringComparison.Ordinal);
        }

        Assert.Contains($"::add-mask::{Canary}", _log.ToString(), StringComparison.Ordinal);
    }
}
