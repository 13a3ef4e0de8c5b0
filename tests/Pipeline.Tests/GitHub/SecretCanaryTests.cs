using System.Text;
using System.Text.Json;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using AssumeRolePipeline.Pipeline.Safety.Failures;
using AssumeRolePipeline.Pipeline.Safety.HandOff;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Tests.Masking;
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
    private const string AccessKeyId = InMemoryStackOperator.AccessKeyId;
    private static readonly Uri RunUrl = new("https://github.com/o/r/actions/runs/1");

    private readonly string _summaryPath = Path.GetTempFileName();
    private readonly string _outputPath = Path.GetTempFileName();
    private readonly StringWriter _log = new();
    private FakeSecretsApi _secretsApi = null!;
    private FakeIssueCommentsApi _commentsApi = null!;

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
    public async Task A_deploy_shows_the_secret_only_sealed_and_in_the_mask_command()
    {
        var commands = new WorkflowCommandWriter(_log);
        var masker = new SecretMasker(commands.AddMask);
        var stacks = new InMemoryStackOperator
        {
            CreateRoleSecret = Canary,
            EchoLine = $"Outputs: secretAccessKey: \"{Canary}\" json: {JsonSerializer.Serialize(Canary)} " +
                       $"encoded: {Convert.ToBase64String(Encoding.UTF8.GetBytes(Canary))} " +
                       $"escaped: {SecretForms.JsonWithEscapedSlashes(Canary)} url: {SecretForms.LowercasePercentEncoded(Canary)} " +
                       $"wrapped: {SecretForms.Wrapped(Canary)}",
        };
        var output = new RecordingOutput();

        var run = await new StackPipeline(stacks, new FakeReadiness(), masker, output, TimeProvider.System)
            .UpAsync(PipelineFixture.Settings, CancellationToken.None);
        var secrets = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(_secretsApi.Server.BaseAddress, "t"), "o", "r");
        var credentials = run.Stages[0].Credentials!;
        await new CredentialHandOff(secrets, masker.Add).WriteAsync("aws-unprivileged", credentials, CancellationToken.None);
        new EnvironmentFileWriter(_outputPath).Set("access-key-id", credentials.AccessKeyId);
        await Reporter(commands).PublishAsync(run, CancellationToken.None);

        Assert.True(run.Succeeded);
        var texts = Texts(run, output, ConsoleText(run));
        texts["job outputs"] = await File.ReadAllTextAsync(_outputPath);
        texts["secret requests"] = string.Join("\n", _secretsApi.Server.Requests.Select(r => r.RawTarget + "\n" + r.Body));
        texts["credentials printed"] = credentials.ToString();
        texts["step summary"] = await File.ReadAllTextAsync(_summaryPath);
        AssertNowhere(Canary, texts);

        Assert.Contains($"::add-mask::{Canary}", _log.ToString().Split('\n'));
        Assert.Equal(Canary, _secretsApi.Open("aws-unprivileged", HandOffSecretNames.SecretAccessKey));
        Assert.Contains($"access-key-id<<ghadelimiter_", texts["job outputs"], StringComparison.Ordinal);
        Assert.Contains(InMemoryStackOperator.AccessKeyId, texts["job outputs"], StringComparison.Ordinal);
        Assert.Contains("[secret]", texts["PR comment"], StringComparison.Ordinal);
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

        Assert.All(messages, message => Assert.All(SecretForms.Of(Canary), form => Assert.DoesNotContain(form, message, StringComparison.Ordinal)));
    }

    /// <summary>Where an update of create-role can fail, with a new secret printed on the way.</summary>
    public enum FailurePoint
    {
        /// <summary>The key was created and printed, but never stored: only its shape gives it away.</summary>
        BeforeTheKeyIsInState,

        /// <summary>The key is in a resource's state; the stack's outputs do not have it yet.</summary>
        PartialUpdate,

        /// <summary>An exception that is not one of the pipeline's own.</summary>
        UnexpectedException,

        Cancelled,

        /// <summary>The update failed and its state cannot be read afterwards: Pulumi's text is withheld.</summary>
        StateUnreadableAfterwards,

        /// <summary>create-role succeeded; assume-role fails quoting the handed-off secret.</summary>
        AssumeRoleFails,
    }

    // An AWS secret access key's shape: what the masker recognises when no state can tell it the value.
    private const string ShapedSecret = "Zq3vN8pL2xR7tY1mK9wB4cF6hJ0dS5gA/+eUiOoP";

    [Theory]
    [InlineData(FailurePoint.BeforeTheKeyIsInState)]
    [InlineData(FailurePoint.PartialUpdate)]
    [InlineData(FailurePoint.UnexpectedException)]
    [InlineData(FailurePoint.Cancelled)]
    [InlineData(FailurePoint.StateUnreadableAfterwards)]
    [InlineData(FailurePoint.AssumeRoleFails)]
    public async Task A_failing_run_prints_the_new_secret_nowhere(FailurePoint point)
    {
        var secret = point == FailurePoint.BeforeTheKeyIsInState ? ShapedSecret : Canary;
        var commands = new WorkflowCommandWriter(_log);
        var masker = new SecretMasker(commands.AddMask);
        var stacks = new InMemoryStackOperator { CreateRoleSecret = secret };
        // A secret no state holds is recognised by its shape, as printed; one the state holds, in every form.
        var shaped = point == FailurePoint.BeforeTheKeyIsInState;
        var cliText = $"code: 255\nstdout: debug: CreateAccessKey returned {{\"SecretAccessKey\":\"{secret}\"}}\n" +
                      $"    error: creating IAM Role: MalformedPolicyDocument (key {(shaped ? secret : Uri.EscapeDataString(secret))})\nstderr: \n";
        stacks.Before = (request, operation, token) =>
        {
            var failing = point == FailurePoint.AssumeRoleFails ? "assume-role" : "create-role";
            if (request.Project != failing || operation != StackOperation.Up)
                return Task.CompletedTask;
            request.OnOutput($"aws:iam:AccessKey key: secret = {secret}");
            if (point is FailurePoint.PartialUpdate or FailurePoint.UnexpectedException or FailurePoint.Cancelled)
                stacks.StoreSecretInResource("create-role", secret);
            if (point == FailurePoint.StateUnreadableAfterwards)
                stacks.StateReadFailure = new StackOperationException(StackFailure.OperationFailed, $"backend error near {secret}");
            return point switch
            {
                FailurePoint.UnexpectedException => throw new InvalidOperationException($"provider crashed holding {secret}"),
                FailurePoint.Cancelled => throw new OperationCanceledException($"cancelled while printing {secret}"),
                _ => throw new StackOperationException(StackFailure.OperationFailed, cliText),
            };
        };
        var output = new RecordingOutput();

        var run = await new StackPipeline(stacks, new FakeReadiness(), masker, output, TimeProvider.System)
            .UpAsync(PipelineFixture.Settings, CancellationToken.None);
        await Reporter(commands).PublishAsync(run, CancellationToken.None);

        Assert.False(run.Succeeded);
        var failed = run.Stages.Single(s => s.Failed).Report;
        Assert.Equal(point == FailurePoint.AssumeRoleFails ? "assume-role" : "create-role", failed.Project);
        Assert.True(failed.Note!.Length <= FailureNote.MaxLength, failed.Note);
        var texts = Texts(run, output, ConsoleText(run));
        texts["step summary"] = await File.ReadAllTextAsync(_summaryPath);
        AssertNowhere(secret, texts, shaped ? [secret] : SecretForms.Of(secret));

        var annotation = _log.ToString().Split('\n').Single(l => l.StartsWith("::error", StringComparison.Ordinal));
        Assert.True(annotation.Length < 4_096, $"the annotation is {annotation.Length} characters");
        switch (point)
        {
            case FailurePoint.StateUnreadableAfterwards:
                Assert.Contains(output.Lines, l => l.StartsWith("warning: Withheld 1 lines of Pulumi's output of create-role/dev", StringComparison.Ordinal));
                Assert.DoesNotContain(output.Lines, l => l.StartsWith("pulumi:", StringComparison.Ordinal));
                Assert.Contains("Pulumi's output is withheld", failed.Note, StringComparison.Ordinal);
                Assert.Empty(failed.Log);
                break;
            case FailurePoint.BeforeTheKeyIsInState:
                Assert.Contains("pulumi: aws:iam:AccessKey key: secret = ***", output.Lines);
                Assert.Contains("creating IAM Role: MalformedPolicyDocument", failed.Note, StringComparison.Ordinal);
                break;
            case FailurePoint.UnexpectedException:
                Assert.Contains("unexpected InvalidOperationException", failed.Note, StringComparison.Ordinal);
                Assert.Contains("   at ", failed.Log, StringComparison.Ordinal); // a bug keeps its trace, masked
                Assert.Contains($"::add-mask::{secret}", _log.ToString().Split('\n'));
                break;
            case FailurePoint.Cancelled:
                Assert.Contains("was cancelled", failed.Note, StringComparison.Ordinal);
                Assert.Contains($"::add-mask::{secret}", _log.ToString().Split('\n'));
                break;
            default:
                Assert.Contains("pulumi: aws:iam:AccessKey key: secret = ***", output.Lines);
                Assert.Contains($"::add-mask::{secret}", _log.ToString().Split('\n'));
                Assert.Contains("creating IAM Role: MalformedPolicyDocument (key ***)", failed.Note, StringComparison.Ordinal);
                Assert.Contains("debug: CreateAccessKey returned", failed.Log, StringComparison.Ordinal);
                break;
        }
    }

    private GitHubRunReporter Reporter(WorkflowCommandWriter commands)
    {
        var context = new GitHubContext("o", "r", _commentsApi.Server.BaseAddress, GitHubContext.DefaultServerUrl, 1,
            "pull_request", "refs/pull/7/merge", _summaryPath, _outputPath, null);
        return new GitHubRunReporter(context, commands,
            new PullRequestCommentPublisher(GitHubConnections.CreateClient(_commentsApi.Server.BaseAddress, "t")));
    }

    private static string ConsoleText(PipelineRun run)
    {
        var terminal = new StringWriter();
        ConsoleSummary.Write(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal) }), run);
        return terminal.ToString();
    }

    private Dictionary<string, string> Texts(PipelineRun run, RecordingOutput output, string console) => new()
    {
        ["pipeline output"] = string.Join("\n", output.Lines),
        ["terminal summary"] = console,
        ["reports"] = string.Join("\n", run.Reports.Select(r => r.ToString() + r.Log + r.Note)),
        ["failure"] = run.Failure ?? string.Empty,
        ["markdown"] = string.Join("\n", run.Reports.Select(r => MarkdownReport.Render(r, runUrl: RunUrl))),
        ["PR comment"] = string.Join("\n", _commentsApi.Comments.Select(c => c.Body)),
        ["PR comment requests"] = string.Join("\n", _commentsApi.Server.Requests.Select(r => r.RawTarget + "\n" + r.Body)),
        ["job log after masks"] = string.Join("\n", _log.ToString().Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))),
    };

    private static void AssertNowhere(string secret, Dictionary<string, string> texts, string[]? forms = null) =>
        Assert.All(texts, text => Assert.All(forms ?? SecretForms.Of(secret), form =>
            Assert.False(text.Value.Contains(form, StringComparison.Ordinal), $"the secret leaked into the {text.Key}")));
}
