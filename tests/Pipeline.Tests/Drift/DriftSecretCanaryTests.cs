using System.Text.Json;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;
using AssumeRolePipeline.Pipeline.Tests.GitHub;
using AssumeRolePipeline.Pipeline.Tests.Masking;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

/// <summary>
/// The access key's <c>secret</c> drifts, with a recognisable fake secret as its value: the drift report,
/// everywhere it goes (console, Pulumi's lines, job summary Markdown, report file, GitHub issue), names
/// the property and never shows the value.
/// </summary>
public sealed class DriftSecretCanaryTests : IAsyncLifetime
{
    private const string Canary = "CANARY+drift/5e1d7b-do-not-print";
    private FakeIssuesApi _issues = null!;

    public async Task InitializeAsync() => _issues = await FakeIssuesApi.StartAsync();

    public async Task DisposeAsync() => await _issues.DisposeAsync();

    [Fact]
    public async Task A_drifted_secret_property_appears_only_as_its_name()
    {
        var fixture = new DriftFixture();
        fixture.Stacks.CreateRoleSecret = Canary;
        fixture.Stacks.Deploy("create-role");
        fixture.Stacks.EchoLine = $"~ secret: \"{Canary}\" => [secret] {JsonSerializer.Serialize(Canary)}";
        // A property path is a name, but a map key in it is anyone's choice: one that equals the secret is masked too.
        fixture.Drift("create-role", RefreshEvent.RefreshWithDiff("create-role", DriftFixture.AccessKey, "unprivileged-user-key", "secret", $"tags.{Canary}"));

        var run = await fixture.Pipeline.RunAsync(PipelineFixture.Settings, StackOperation.Drift, CancellationToken.None);

        var key = Assert.Single(run.Reports[0].Findings.Resources);
        Assert.Contains("secret", key.Properties);
        var directory = Directory.CreateTempSubdirectory().FullName;
        try
        {
            DriftReportFile.Write(directory, run.Reports);
            await new DriftIssuePublisher(GitHubConnections.CreateClient(_issues.Server.BaseAddress, "t"))
                .PublishAsync("o", "r", run.Reports[0], new Uri("https://github.com/o/r/actions/runs/1"), CancellationToken.None);
            var texts = new Dictionary<string, string>
            {
                ["console"] = ConsoleText(run),
                ["pulumi lines"] = string.Join("\n", fixture.Output.Lines),
                ["markdown"] = string.Join("\n", run.Reports.Select(DriftMarkdownReport.Render)),
                ["report file"] = File.ReadAllText(DriftReportFile.PathFor(directory, "create-role")),
                ["issue"] = Assert.Single(_issues.Issues).Body,
                ["report printed"] = run.ToString(),
            };

            foreach (var (where, text) in texts)
            {
                foreach (var form in SecretForms.Of(Canary))
                    Assert.False(text.Contains(form, StringComparison.Ordinal), $"The secret appears in the {where}.");
            }

            Assert.Contains("`secret`", texts["issue"], StringComparison.Ordinal);
            Assert.Contains("secret", texts["report file"], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string ConsoleText(PipelineRun run)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(writer) });
        DriftConsoleReport.Write(console, run);
        return writer.ToString();
    }
}
