using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Drift;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Markdig;
using Markdig.Syntax;
using Spectre.Console;
using Table = Markdig.Extensions.Tables.Table;
using TableRow = Markdig.Extensions.Tables.TableRow;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

public sealed class DriftReportRenderingTests
{
    private static readonly MarkdownPipeline GitHubFlavoured = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static string ConsoleText(PipelineRun run)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        DriftConsoleReport.Write(console, run);
        return writer.ToString();
    }

    private static async Task<PipelineRun> CheckAsync(Action<DriftFixture> arrange)
    {
        var fixture = new DriftFixture();
        arrange(fixture);
        return await fixture.Pipeline.RunAsync(PipelineFixture.Settings, StackOperation.Drift, CancellationToken.None);
    }

    [Fact]
    public async Task Without_drift_one_line_per_stack_says_so()
    {
        var run = await CheckAsync(_ => { });

        var console = ConsoleText(run);
        Assert.Contains("create-role/dev: no drift: the cloud matches the state", console, StringComparison.Ordinal);
        Assert.Contains("assume-role/dev: no drift: the cloud matches the state", console, StringComparison.Ordinal);
        Assert.DoesNotContain("│", console, StringComparison.Ordinal);
        var markdown = DriftMarkdownReport.Render(run.Reports[0]);
        Assert.StartsWith("### ✅ create-role / dev — no drift: the cloud matches the state\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("|", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_is_a_table_of_resource_type_what_happened_and_property_names_on_the_console()
    {
        var run = await CheckAsync(f => f.Drift("assume-role",
            RefreshEvent.RefreshWithDiff("assume-role", DriftFixture.Bucket, "bucket", "tags.Owner"),
            RefreshEvent.RefreshGone("assume-role", "aws:s3/bucketPolicy:BucketPolicy", "policy")));

        var console = ConsoleText(run);

        Assert.Contains("assume-role/dev: drift found: 2 resources differ from the state", console, StringComparison.Ordinal);
        Assert.Matches(@"│\s*bucket\s*│\s*aws:s3/bucket:Bucket\s*│\s*changed out of band\s*│\s*tags\.Owner\s*│", console);
        Assert.Matches(@"│\s*policy\s*│\s*aws:s3/bucketPolicy:BucketPolicy\s*│\s*deleted out of band\s*│\s*—\s*│", console);
        Assert.Contains("./build.sh Remediate", console, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Markdown_table_reads_as_one_row_per_resource_whatever_the_names_hold()
    {
        var report = DriftReport.Create("assume-role", "dev", StackOperation.Drift, StackOutcome.Succeeded,
            new DriftFindings([
                new DriftedResource("aws:s3/bucket:Bucket", "a|b<details>", DriftKind.ChangedOutOfBand, ["tags.a|b", "acl"]),
                new DriftedResource("aws:s3/bucket:Bucket", "gone", DriftKind.DeletedOutOfBand, []),
            ], Unlisted: 1), [], TimeSpan.FromSeconds(2));

        var markdown = DriftMarkdownReport.Render(report);
        var document = Markdown.Parse(markdown, GitHubFlavoured);

        var table = Assert.Single(document.Descendants<Table>());
        Assert.Equal(3, table.Count); // the header and two rows
        Assert.All(table.OfType<TableRow>(), row => Assert.Equal(4, row.Count));
        Assert.DoesNotContain(document.Descendants<HtmlBlock>(), _ => true);
        Assert.Contains("### ⚠️ assume-role / dev — drift found: 3 resources differ from the state", markdown, StringComparison.Ordinal);
        Assert.Contains("1 resource more as drifted without naming them", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_check_says_why_and_is_not_reported_as_drift()
    {
        var report = DriftReport.Create("create-role", "dev", StackOperation.Drift, StackOutcome.Failed, DriftFindings.None, [],
            TimeSpan.Zero, "drift failed: AccessDenied");

        var markdown = DriftMarkdownReport.Render(report);

        Assert.StartsWith("### ❌ create-role / dev — drift check failed", markdown, StringComparison.Ordinal);
        Assert.Contains("> **Failure:** drift failed: AccessDenied", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Remediate", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_file_round_trips_and_refuses_a_file_that_is_not_a_drift_report()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var report = DriftReport.Create("create-role", "dev", StackOperation.Drift, StackOutcome.Succeeded,
                new DriftFindings([new DriftedResource("aws:iam/user:User", "unprivileged-user", DriftKind.ChangedOutOfBand, ["tags"])]), [],
                TimeSpan.FromSeconds(4));
            DriftReportFile.Write(Path.Combine(directory, "artifact"), [report]);

            var read = Assert.Single(DriftReportFile.ReadAll(directory));
            Assert.Equal(("create-role", "dev", StackOperation.Drift, StackOutcome.Succeeded), (read.Project, read.Stack, read.Operation, read.Outcome));
            Assert.Equal<string>(["tags"], Assert.Single(read.Findings.Resources).Properties);
            Assert.Equal(DriftMarkdownReport.Render(report), DriftMarkdownReport.Render(read));

            File.WriteAllText(Path.Combine(directory, "drift-other.json"), """{"project":"someone-else","stack":"dev","operation":"Drift"}""");
            var thrown = Assert.Throws<ExplainedFailure>(() => DriftReportFile.ReadAll(directory));
            Assert.Contains("drift-other.json", thrown.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void No_report_folder_is_explained()
    {
        var thrown = Assert.Throws<ExplainedFailure>(() => DriftReportFile.ReadAll("/nonexistent/drift-reports"));

        Assert.Contains("Run the drift check first", thrown.Message, StringComparison.Ordinal);
    }
}
