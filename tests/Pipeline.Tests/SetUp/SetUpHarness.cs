using System.Globalization;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Composition;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp;

/// <summary>
/// A checkout with its own <c>deploy/stacks.yml</c>, a repository on the local GitHub server and the AWS half faked: the
/// set-up commands run through the composition root as <c>./build.sh</c> runs them.
/// </summary>
internal sealed class SetUpHarness : IAsyncDisposable
{
    /// <summary>dev, then prod (promoted: its privileged environment needs reviewers) and the review stacks.</summary>
    public const string Declaration = """
        stacks:
          - name: dev
            environments:
              privileged: aws-privileged
              unprivileged: aws-unprivileged
              preview: aws-preview
          - name: prod
            promote-after: dev
            reviewers: [octocat, octo-org/platform]
            environments:
              privileged: aws-prod-privileged
              unprivileged: aws-prod-unprivileged
              preview: aws-prod-preview
        review:
          label: review-stack
          reviewers: [octocat]
          environments:
            privileged: aws-review-privileged
            unprivileged: aws-review-unprivileged
        """;

    public static readonly string[] AllEnvironments =
    [
        "aws-privileged", "aws-unprivileged", "aws-preview", "aws-prod-privileged", "aws-prod-unprivileged", "aws-prod-preview",
        "aws-review-privileged", "aws-review-unprivileged",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("setup-").FullName;
    private readonly StringWriter _console = new();

    private SetUpHarness(FakeGitHubRepository github)
    {
        GitHub = github;
        Directory.CreateDirectory(Path.Combine(_root, "deploy"));
        WriteDeclaration(Declaration);
        Environment["GITHUB_TOKEN"] = "admin-token";
        Environment["GITHUB_REPOSITORY"] = "o/r";
        Environment["GITHUB_API_URL"] = github.Server.BaseAddress.ToString();
    }

    public FakeGitHubRepository GitHub { get; }

    public FakeAwsSetUp Aws { get; } = new();

    public Dictionary<string, string?> Environment { get; } = new();

    public StringWriter Commands { get; } = new();

    public string OutputFile { get; } = Path.GetTempFileName();

    public string SummaryFile { get; } = Path.GetTempFileName();

    /// <summary>The console's text with its line breaks undone (it wraps long lines between words).</summary>
    public string Console => Regex.Replace(_console.ToString(), @"\s+", " ");

    public static async Task<SetUpHarness> StartAsync() => new(await FakeGitHubRepository.StartAsync());

    public void WriteDeclaration(string yaml) => File.WriteAllText(Path.Combine(_root, "deploy", "stacks.yml"), yaml);

    /// <summary>As the stage's check job runs: on GitHub Actions, with its output and summary files.</summary>
    public void OnGitHubActions()
    {
        Environment["GITHUB_ACTIONS"] = "true";
        Environment["GITHUB_OUTPUT"] = OutputFile;
        Environment["GITHUB_STEP_SUMMARY"] = SummaryFile;
    }

    /// <summary>The step output <paramref name="name"/> the build wrote; null when none.</summary>
    public string? Output(string name)
    {
        var lines = File.ReadAllLines(OutputFile);
        var at = Array.FindIndex(lines, l => l.StartsWith(name + "<<", StringComparison.Ordinal));
        return at < 0 ? null : lines[at + 1];
    }

    /// <param name="realAwsHalf">The composition root's own AWS half instead of <see cref="Aws"/> (the set-up stack, IAM).</param>
    public async Task<int?> RunAsync(BuildCommand command, BuildParameters? parameters = null, bool realAwsHalf = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(_console),
        });
        var host = new BuildHost(_root, IsServerBuild: false, name => Environment.GetValueOrDefault(name), console, Commands,
            new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T12:00:00Z", CultureInfo.InvariantCulture)), _ => false, CancellationToken.None);
        using var build = new PipelineBuild(parameters ?? new BuildParameters { Region = "eu-central-1" }, host, new InMemoryStackOperator(), awsSetUp: realAwsHalf ? null : Aws);
        return await build.RunAsync(command);
    }

    /// <summary>Every secret the jobs read, where they read it: what the user adds by hand after SetUp.</summary>
    public void AddTheSecrets()
    {
        foreach (var (name, environment) in GitHub.Environments)
        {
            environment.Secrets.Add("PULUMI_ACCESS_TOKEN");
            if (name is "aws-privileged" or "aws-prod-privileged")
                environment.Secrets.Add("HANDOFF_TOKEN");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await GitHub.DisposeAsync();
        Directory.Delete(_root, recursive: true);
        File.Delete(OutputFile);
        File.Delete(SummaryFile);
        _console.Dispose();
        Commands.Dispose();
    }
}
