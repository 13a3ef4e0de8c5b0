using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using AssumeRolePipeline.Pipeline.GitHub;
using AssumeRolePipeline.Pipeline.GitHub.Comments;
using AssumeRolePipeline.Pipeline.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Masking;
using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

/// <summary>
/// A recognisable fake secret goes through everything a deploy does with it: the hand-off, the masked
/// log, the report, the PR comment, the step summary, the job output and the workflow commands. It must
/// come out nowhere but inside the sealed box, and in the <c>::add-mask::</c> line the runner swallows.
/// </summary>
public sealed class SecretCanaryTests : IAsyncLifetime, IDisposable
{
    private const string Canary = "CANARY+secret/7f3a9c2e-do-not-print";
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private static readonly Uri RunUrl = new("https://github.com/o/r/actions/runs/1");

    private readonly string _summaryPath = Path.GetTempFileName();
    private readonly string _outputPath = Path.GetTempFileName();
    private readonly StringWriter _log = new();
    private FakeSecretsApi _secretsApi = null!;
    private FakeIssueCommentsApi _commentsApi = null!;

    private static string[] FormsOf(string secret) =>
    [
        secret,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
        Uri.EscapeDataString(secret),
        JsonSerializer.Serialize(secret)[1..^1],
    ];

    public async Task InitializeAsync()
    {
        _secretsApi = await FakeSecretsApi.StartAsync();
        _commentsApi = await FakeIssueCommentsApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _secretsApi.DisposeAsync();
        await _commentsApi.DisposeAsync();
    }

    public void Dispose()
    {
        File.Delete(_summaryPath);
        File.Delete(_outputPath);
    }

    [Fact]
    public async Task The_secret_appears_only_sealed_and_in_the_mask_command()
    {
        var commands = new WorkflowCommandWriter(_log);
        var masker = new SecretMasker(commands.AddMask);
        var secrets = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(_secretsApi.Server.BaseAddress, "t"), "o", "r");
        var credentials = new UnprivilegedCredentials("arn:aws:iam::123456789012:role/assume-role-dev", AccessKeyId, Canary);

        await new CredentialHandOff(secrets, masker.Add).WriteAsync("aws-unprivileged", credentials, CancellationToken.None);

        var pulumiLog = $"Outputs:\n    secretAccessKey: \"{Canary}\"\n    json: {JsonSerializer.Serialize(Canary)}\n" +
                        $"    encoded: {Convert.ToBase64String(Encoding.UTF8.GetBytes(Canary))}\n";
        var report = new StackReport(
            "create-role", "dev", StackOperation.Up, StackOutcome.Failed,
            ImmutableDictionary<ChangeKind, int>.Empty.Add(ChangeKind.Create, 1),
            [new ResourceChange("aws:iam/accessKey:AccessKey", "key", ChangeKind.Create, ["secret"])],
            [ReportedOutput.Of("accessKeyId", AccessKeyId, isSecret: false), ReportedOutput.Of("secretAccessKey", Canary, isSecret: true)],
            masker.Redact(pulumiLog),
            TimeSpan.FromSeconds(5),
            masker.Redact($"update failed while using {Canary}"));
        var markdown = MarkdownReport.Render(report, runUrl: RunUrl);

        await new PullRequestCommentPublisher(GitHubConnections.CreateClient(_commentsApi.Server.BaseAddress, "t"))
            .UpsertSectionAsync("o", "r", 7, "create-role", markdown, RunUrl, CancellationToken.None);
        new StepSummaryWriter(_summaryPath).Append(markdown);
        new EnvironmentFileWriter(_outputPath).Set("access-key-id", AccessKeyId);
        commands.Error(masker.Redact($"create-role failed: {Canary}"), title: "Deploy");
        commands.Group(masker.Redact($"log {Canary}"));
        commands.EndGroup();

        var texts = new Dictionary<string, string>
        {
            ["markdown report"] = markdown,
            ["PR comment requests"] = string.Join("\n", _commentsApi.Server.Requests.Select(r => r.RawTarget + "\n" + r.Body)),
            ["PR comment"] = _commentsApi.Comments.Single().Body,
            ["step summary"] = await File.ReadAllTextAsync(_summaryPath),
            ["job outputs"] = await File.ReadAllTextAsync(_outputPath),
            ["secret requests"] = string.Join("\n", _secretsApi.Server.Requests.Select(r => r.RawTarget + "\n" + r.Body)),
            ["credentials printed"] = credentials.ToString(),
            ["job log after masks"] = string.Join("\n", _log.ToString().Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))),
        };
        Assert.All(texts, text => Assert.All(FormsOf(Canary), form =>
            Assert.False(text.Value.Contains(form, StringComparison.Ordinal), $"the canary leaked into the {text.Key}")));

        Assert.Contains($"::add-mask::{Canary}", _log.ToString().Split('\n'));
        Assert.True(_log.ToString().IndexOf("::add-mask::", StringComparison.Ordinal) < _log.ToString().IndexOf("::error", StringComparison.Ordinal));
        Assert.Equal(Canary, _secretsApi.Open("aws-unprivileged", HandOffSecretNames.SecretAccessKey));
        Assert.Contains("access-key-id<<ghadelimiter_", texts["job outputs"], StringComparison.Ordinal);
        Assert.Contains(AccessKeyId, texts["job outputs"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_around_the_secret_never_quote_it()
    {
        var secrets = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(_secretsApi.Server.BaseAddress, "t"), "o", "r");
        var handOff = new CredentialHandOff(secrets, _ => { });
        var messages = new List<string>();

        _secretsApi.FailWith = 403;
        messages.Add((await Assert.ThrowsAsync<EnvironmentSecretsException>(() => handOff.WriteAsync(
            "aws-unprivileged", new UnprivilegedCredentials("arn:aws:iam::123456789012:role/r", AccessKeyId, Canary), CancellationToken.None))).ToString());
        messages.Add((await Assert.ThrowsAsync<HandOffException>(() => handOff.WriteAsync(
            "aws-unprivileged", new UnprivilegedCredentials("bad-arn", AccessKeyId, Canary + " "), CancellationToken.None))).ToString());
        messages.Add(Assert.Throws<HandOffException>(() => HandOffCheck.Read(
            name => name == HandOffSecretNames.SecretAccessKey ? Canary + "\n" : name == HandOffSecretNames.AccessKeyId ? AccessKeyId : "arn:aws:iam::123456789012:role/r",
            expectedAccessKeyId: null)).ToString());
        messages.Add(Assert.Throws<ArgumentException>(() => new EnvironmentFileWriter(_outputPath, () => "EOF").Set("x", Canary + "\nEOF\n")).ToString());

        Assert.All(messages, message => Assert.All(FormsOf(Canary), form => Assert.DoesNotContain(form, message, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_whole_failing_run_through_the_pipeline_prints_the_secret_nowhere()
    {
        const string secret = InMemoryStackOperator.SecretAccessKey;
        var commands = new WorkflowCommandWriter(_log);
        var masker = new SecretMasker(commands.AddMask);
        var stacks = new InMemoryStackOperator { EchoLine = $"secretAccessKey: {secret}" };
        stacks.Failures[("assume-role", StackOperation.Up)] =
            new StackOperationException(StackFailure.OperationFailed, $"AccessDenied for {Uri.EscapeDataString(secret)}");
        var output = new RecordingOutput();

        var run = await new StackPipeline(stacks, new FakeReadiness(), masker, output, TimeProvider.System)
            .UpAsync(PipelineFixture.Settings, CancellationToken.None);
        var terminal = new StringWriter();
        ConsoleSummary.Write(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal) }), run);
        var context = new GitHubContext("o", "r", _commentsApi.Server.BaseAddress, GitHubContext.DefaultServerUrl, 1,
            "pull_request", "refs/pull/7/merge", _summaryPath, _outputPath, null);
        await new GitHubRunReporter(context, commands,
                new PullRequestCommentPublisher(GitHubConnections.CreateClient(_commentsApi.Server.BaseAddress, "t")))
            .PublishAsync(run, CancellationToken.None);

        Assert.False(run.Succeeded);
        var texts = new Dictionary<string, string>
        {
            ["pipeline output"] = string.Join("\n", output.Lines),
            ["terminal summary"] = terminal.ToString(),
            ["reports"] = string.Join("\n", run.Reports.Select(r => r.ToString() + r.Log + r.Note)),
            ["failure"] = run.Failure!,
            ["step summary"] = await File.ReadAllTextAsync(_summaryPath),
            ["PR comment"] = _commentsApi.Comments.Single().Body,
            ["job log after masks"] = string.Join("\n", _log.ToString().Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))),
        };
        Assert.All(texts, text => Assert.All(FormsOf(secret), form =>
            Assert.False(text.Value.Contains(form, StringComparison.Ordinal), $"the secret leaked into the {text.Key}")));
        Assert.Contains($"::add-mask::{secret}", _log.ToString().Split('\n'));
        Assert.Contains("pulumi: secretAccessKey: ***", output.Lines);
    }
}
