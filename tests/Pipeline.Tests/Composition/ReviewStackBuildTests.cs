using System.Globalization;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Composition;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.HandOff;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Tests.GitHub;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Composition;

/// <summary>
/// A review stack as the composition root runs it (issue 17): no hand-off, its key read from its own state backend even on
/// GitHub, its bucket destroyed with its objects, and a sweep's destroy decided again, with a fresh question to GitHub,
/// right before it runs.
/// </summary>
public sealed class ReviewStackBuildTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-06T12:00:00Z", CultureInfo.InvariantCulture);

    private readonly InMemoryStackOperator _stacks = new();
    private readonly FakeReadiness _readiness = new();
    private readonly StringWriter _console = new();
    private readonly StringWriter _commands = new();
    private readonly string _output = Path.GetTempFileName();
    private readonly string _summary = Path.GetTempFileName();
    private readonly Dictionary<string, string?> _environment = new()
    {
        ["PATH"] = string.Join(Path.PathSeparator, "/opt/pulumi/bin", "/opt/node/bin"),
        ["AWS_REGION"] = "eu-central-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIAPRIVILEGEDEXAMPL",
        ["AWS_SECRET_ACCESS_KEY"] = "privileged-secret",
        ["PULUMI_CONFIG_PASSPHRASE"] = "test passphrase",
    };

    /// <summary>The fake host's files: the Pulumi CLI, Node.js, and the policy pack's installed dependencies.</summary>
    private static readonly HashSet<string> Files =
    [
        Path.Combine("/opt/pulumi/bin", "pulumi"), Path.Combine("/opt/node/bin", "node"),
        Path.Combine(RepositoryRoot.Path, "policy", Preflight.InstalledMarker),
    ];

    private LocalGitHubServer _github = null!;
    private string _pullRequest = """{"number":12,"state":"closed","merged":false}""";

    public async Task InitializeAsync() =>
        _github = await LocalGitHubServer.StartAsync((request, response) => request.RawPath switch
        {
            "/repos/o/r" => LocalGitHubServer.Json(response, 200, """{"id":1,"name":"r","full_name":"o/r","private":true}"""),
            "/repos/o/r/pulls/12" => LocalGitHubServer.Json(response, 200, _pullRequest),
            _ => LocalGitHubServer.Json(response, 404, """{"message":"Not Found"}"""),
        });

    public async Task DisposeAsync() => await _github.DisposeAsync();

    public void Dispose()
    {
        File.Delete(_output);
        File.Delete(_summary);
        _console.Dispose();
        _commands.Dispose();
    }

    private PipelineBuild Build(BuildParameters parameters)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(_console),
        });
        var host = new BuildHost(RepositoryRoot.Path, IsServerBuild: false, name => _environment.GetValueOrDefault(name), console, _commands,
            new FakeTimeProvider(Now), Files.Contains, CancellationToken.None);
        return new PipelineBuild(parameters with { Backend = "file:///tmp/state" }, host, _stacks, _ => _readiness);
    }

    /// <summary>A sweep's destroy job on GitHub: its token may read pull requests; its step output and summary are files.</summary>
    private void OnGitHub()
    {
        _environment["GITHUB_ACTIONS"] = "true";
        _environment["GITHUB_REPOSITORY"] = "o/r";
        _environment["GITHUB_RUN_ID"] = "7";
        _environment["GITHUB_EVENT_NAME"] = "schedule";
        _environment["GITHUB_API_URL"] = _github.BaseAddress.ToString();
        _environment["GITHUB_TOKEN"] = "t";
        _environment["GITHUB_OUTPUT"] = _output;
        _environment["GITHUB_STEP_SUMMARY"] = _summary;
    }

    /// <summary>pr-12 deployed, both halves last updated <paramref name="age"/> ago, as the state backend lists them.</summary>
    private void Deployed(TimeSpan age, int assumeRoleResources = 3, TimeSpan? assumeRoleAge = null)
    {
        _stacks.Deploy("create-role");
        _stacks.Deploy("assume-role");
        _stacks.Listed["create-role"] = [new ListedStack("pr-12", Now - age, 6)];
        _stacks.Listed["assume-role"] = [new ListedStack("pr-12", Now - (assumeRoleAge ?? age), assumeRoleResources)];
    }

    /// <summary>The console's text with its line breaks undone (it wraps long lines between words).</summary>
    private string Console => System.Text.RegularExpressions.Regex.Replace(_console.ToString(), @"\s+", " ");

    private static BuildParameters SweepDestroy => new() { Stack = "pr-12", ReviewRecheck = true };

    private IEnumerable<StackOperation> Operations(string project) =>
        _stacks.Calls.Where(c => c.Request.Project == project).Select(c => c.Operation);

    [Fact]
    public async Task On_github_a_review_stacks_unprivileged_job_reads_its_key_from_the_state_not_from_hand_off_secrets()
    {
        OnGitHub();
        Deployed(TimeSpan.FromHours(1));

        await Build(new BuildParameters { Stack = "pr-12" }).RunAsync(BuildCommand.UpAssumeRole);

        Assert.Contains(_stacks.StateReads, r => r.Project == "create-role" && r.Stack == "pr-12");
        Assert.Equal(InMemoryStackOperator.AccessKeyId, Assert.Single(_readiness.Calls).Credentials.AccessKeyId);
        Assert.Equal([StackOperation.Preview, StackOperation.Up] /* every update previews first */, Operations("assume-role"));
    }

    [Fact]
    public async Task On_github_dev_still_needs_its_hand_off()
    {
        OnGitHub();
        Deployed(TimeSpan.FromHours(1));

        var failure = await Assert.ThrowsAsync<HandOffException>(() => Build(new BuildParameters { Stack = "dev" }).RunAsync(BuildCommand.UpAssumeRole));

        Assert.Equal(HandOffProblem.Missing, failure.Problem);
        Assert.Empty(_stacks.Calls);
    }

    [Theory]
    [InlineData(BuildCommand.HandOff)]
    [InlineData(BuildCommand.RemoveHandOff)]
    public async Task A_review_stack_has_no_hand_off_to_write_or_remove(BuildCommand command)
    {
        _environment["GITHUB_SECRETS_TOKEN"] = "a token that must not be used";

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => Build(new BuildParameters { Stack = "pr-12" }).RunAsync(command));

        Assert.Contains("'pr-12'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("review stacks' own state backend", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_stacks.Calls);
    }

    [Fact]
    public async Task A_review_stacks_teardown_takes_the_bucket_with_its_objects()
    {
        Deployed(TimeSpan.FromHours(1));

        await Build(new BuildParameters { Stack = "pr-12" }).RunAsync(BuildCommand.Destroy);

        // The update first puts forceDestroy into the bucket's state; a destroy reads it from there.
        Assert.Equal([StackOperation.Preview, StackOperation.Up, StackOperation.Destroy], Operations("assume-role"));
        Assert.All(_stacks.Calls.Where(c => c.Request.Project == "assume-role"),
            c => Assert.Equal("true", c.Request.Config["assume-role:bucketForceDestroy"].Value));
        Assert.Equal([StackOperation.Destroy], Operations("create-role"));
    }

    [Fact]
    public async Task The_local_sweep_tears_an_expired_review_stack_down_with_its_bucket()
    {
        Deployed(TimeSpan.FromDays(9));

        await Build(new BuildParameters()).RunAsync(BuildCommand.SweepReviewStacks);

        Assert.Equal([StackOperation.Preview, StackOperation.Up, StackOperation.Destroy], Operations("assume-role"));
        Assert.All(_stacks.Calls.Where(c => c.Request.Project == "assume-role"), c =>
        {
            Assert.Equal("pr-12", c.Request.Stack);
            Assert.Equal("true", c.Request.Config["assume-role:bucketForceDestroy"].Value);
        });
    }

    [Fact]
    public async Task Devs_destroy_keeps_a_bucket_with_objects_unless_asked()
    {
        Deployed(TimeSpan.FromHours(1));

        await Build(new BuildParameters { Stack = "dev" }).RunAsync(BuildCommand.DestroyAssumeRole);

        Assert.Equal([StackOperation.Destroy], Operations("assume-role"));
    }

    [Fact]
    public async Task A_sweep_destroy_whose_pull_request_was_reopened_skips_and_says_why()
    {
        OnGitHub();
        Deployed(TimeSpan.FromDays(1)); // the plan destroyed it because the pull request was closed; since then it was reopened
        _pullRequest = """{"number":12,"state":"open","merged":false}""";

        var exitCode = await Build(SweepDestroy).RunAsync(BuildCommand.DestroyAssumeRole);

        Assert.Null(exitCode);
        Assert.Empty(_stacks.Calls);
        Assert.Equal(["/repos/o/r", "/repos/o/r/pulls/12"], _github.Requests.Select(r => r.RawPath)); // asked now, after the approval
        var output = File.ReadAllLines(_output);
        Assert.Equal("true", output[Array.FindIndex(output, l => l.StartsWith("skipped<<", StringComparison.Ordinal)) + 1]); // the stage leaves create-role alone
        Assert.Contains("### pr-12: destroy skipped", File.ReadAllText(_summary), StringComparison.Ordinal);
        Assert.Contains("assume-role/pr-12 was not destroyed: re-checked after the approval, pull request #12 is open; updated 1 d ago, 2 d left",
            File.ReadAllText(_summary), StringComparison.Ordinal);
        Assert.Contains("::notice title=Destroy skipped::", _commands.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_destroy_of_a_stack_updated_since_the_plan_skips()
    {
        // The plan found it expired (open, not updated for 9 days); then a push redeployed it.
        Deployed(TimeSpan.FromDays(9), assumeRoleAge: TimeSpan.FromMinutes(20));
        _environment["GITHUB_TOKEN"] = "t";
        _environment["GITHUB_REPOSITORY"] = "o/r";
        _environment["GITHUB_RUN_ID"] = "7";
        _environment["GITHUB_API_URL"] = _github.BaseAddress.ToString();
        _pullRequest = """{"number":12,"state":"open","merged":false}""";

        await Build(SweepDestroy).RunAsync(BuildCommand.DestroyAssumeRole);

        Assert.Empty(_stacks.Calls);
        Assert.Contains("pull request #12 is open; updated 20 min ago", Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_destroy_whose_answer_is_unchanged_destroys_with_the_bucket()
    {
        OnGitHub();
        _environment.Remove("GITHUB_ACTIONS"); // no job summary publishing here: only the decision matters
        Deployed(TimeSpan.FromDays(1));

        await Build(SweepDestroy).RunAsync(BuildCommand.DestroyAssumeRole);

        Assert.Equal([StackOperation.Preview, StackOperation.Up, StackOperation.Destroy], Operations("assume-role"));
        Assert.Contains("Re-checked pr-12 after the approval: still to destroy (pull request #12 is closed)", Console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, true)]   // emptied a moment ago by this teardown's assume-role job: create-role's own age decides
    [InlineData(3, 1, false)]  // redeployed in between: the pair lives again
    public async Task The_create_role_half_ignores_only_the_destroy_its_own_teardown_just_did(int assumeRoleResources, int minutesAgo, bool destroyed)
    {
        OnGitHub();
        _environment.Remove("GITHUB_ACTIONS");
        Deployed(TimeSpan.FromDays(9), assumeRoleResources, assumeRoleAge: TimeSpan.FromMinutes(minutesAgo));
        _pullRequest = """{"number":12,"state":"open","merged":false}""";
        if (assumeRoleResources == 0)
            _stacks.SetState("assume-role", new StackState(true, 0, System.Collections.Immutable.ImmutableDictionary<string, StackOutputValue>.Empty));

        await Build(SweepDestroy).RunAsync(BuildCommand.DestroyCreateRole);

        Assert.Equal(destroyed, Operations("create-role").Contains(StackOperation.Destroy));
    }

    [Fact]
    public async Task A_recheck_without_a_github_token_destroys_nothing()
    {
        Deployed(TimeSpan.FromDays(9));

        var failure = await Assert.ThrowsAsync<ExplainedFailure>(() => Build(SweepDestroy).RunAsync(BuildCommand.DestroyAssumeRole));

        Assert.Contains("GITHUB_TOKEN", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was destroyed.", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_stacks.Calls);
    }

    [Fact]
    public async Task Only_a_review_stacks_destroy_is_rechecked()
    {
        var failure = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Build(new BuildParameters { Stack = "dev", ReviewRecheck = true }).RunAsync(BuildCommand.DestroyAssumeRole));

        Assert.Contains("--review-recheck", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_stacks.Calls);
    }
}
