using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class MarkdownReportTests
{
    private static readonly MarkdownPipeline GitHubFlavour = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static StackReport Report(
        string log = "Previewing update (dev):\n + aws:iam:User unprivileged create\nResources:\n    + 3 to create\n",
        StackOutcome outcome = StackOutcome.Succeeded,
        string? note = null,
        ImmutableArray<ResourceChange>? changes = null) =>
        new(
            "create-role", "dev", StackOperation.Preview, outcome,
            ImmutableDictionary<ChangeKind, int>.Empty.Add(ChangeKind.Create, 2).Add(ChangeKind.Update, 1).Add(ChangeKind.Same, 3),
            changes ??
            [
                new("aws:iam/user:User", "unprivileged", ChangeKind.Create, []),
                new("aws:iam/role:Role", "assumable|role", ChangeKind.Update, ["assumeRolePolicy", "tags"]),
                new("aws:iam/accessKey:AccessKey", "key", ChangeKind.Create, []),
                new("pulumi:pulumi:Stack", "create-role-dev", ChangeKind.Same, []),
            ],
            [
                ReportedOutput.Of("roleArn", "arn:aws:iam::123456789012:role/assumable", isSecret: false),
                ReportedOutput.Of("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", isSecret: true),
            ],
            log,
            TimeSpan.FromSeconds(83),
            note);

    private static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, GitHubFlavour);

    [Fact]
    public void Heading_names_project_stack_operation_and_outcome()
    {
        var markdown = MarkdownReport.Render(Report());

        var heading = Parse(markdown).Descendants<HeadingBlock>().Single();
        Assert.Equal(3, heading.Level);
        Assert.StartsWith("### ✅ create-role / dev — preview succeeded\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_every_bucket_on_one_line()
    {
        var markdown = MarkdownReport.Render(Report());

        Assert.Contains("\ncreate 2 · update 1 · replace 0 · delete 0 · same 3\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_the_changed_resources_with_their_changed_property_names()
    {
        var markdown = MarkdownReport.Render(Report());

        var table = Parse(markdown).Descendants<Table>().First();
        var rows = table.Cast<TableRow>().Skip(1).Select(row => row.Cast<TableCell>().Count()).ToList();
        Assert.Equal([4, 4, 4], rows); // the Same resource is left out, and a | in a name does not split its cell
        Assert.Contains("| update | `aws:iam/role:Role` | assumable\\|role | `assumeRolePolicy`, `tags` |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("create-role-dev", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_plain_outputs_and_only_a_placeholder_for_secret_ones()
    {
        var markdown = MarkdownReport.Render(Report());

        Assert.Contains("| roleArn | `arn:aws:iam::123456789012:role/assumable` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| secretAccessKey | [secret] |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void States_the_duration()
    {
        Assert.Contains("Duration: 1 min 23 s", MarkdownReport.Render(Report()), StringComparison.Ordinal);
    }

    [Fact]
    public void Folds_the_whole_log_in_details_as_one_code_block()
    {
        var report = Report();

        var markdown = MarkdownReport.Render(report);

        Assert.Contains("<details><summary>Full log (4 lines)</summary>", markdown, StringComparison.Ordinal);
        var code = Parse(markdown).Descendants<FencedCodeBlock>().Single();
        Assert.Equal(report.Log.TrimEnd('\n'), code.Lines.ToString());
    }

    [Fact]
    public void A_log_full_of_fences_and_markup_cannot_break_out_of_its_code_block()
    {
        const string hostile = "```\n# Not a heading\n</details>\n````\n~~~\n<script>alert(1)</script>\n``````` trailing\n    ```\nend";

        var markdown = MarkdownReport.Render(Report(log: hostile));

        var document = Parse(markdown);
        var code = document.Descendants<FencedCodeBlock>().Single();
        Assert.Equal(hostile, code.Lines.ToString());
        Assert.Single(document.Descendants<HeadingBlock>());
        Assert.EndsWith("</details>\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_the_log_out_when_there_is_none()
    {
        var markdown = MarkdownReport.Render(Report(log: string.Empty));

        Assert.DoesNotContain("<details>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_note_is_quoted_and_cannot_inject_html()
    {
        var markdown = MarkdownReport.Render(Report(outcome: StackOutcome.Failed, note: "AccessDenied: sts:AssumeRole\n</details><img src=x>"));

        Assert.StartsWith("### ❌ create-role / dev — preview failed", markdown, StringComparison.Ordinal);
        Assert.Contains("> **Failure:** AccessDenied: sts:AssumeRole\n> &lt;/details>&lt;img src=x>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_stack_says_why()
    {
        var report = StackReport.Skipped("assume-role", "dev", StackOperation.Preview, "No credentials have been handed off yet.");

        var markdown = MarkdownReport.Render(report);

        Assert.StartsWith("### ⏭️ assume-role / dev — preview skipped", markdown, StringComparison.Ordinal);
        Assert.Contains("> **Note:** No credentials have been handed off yet.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncates_the_log_first_keeping_its_end_with_a_visible_note_and_the_run_link()
    {
        var log = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"log line {i:D5}\n"));
        var runUrl = new Uri("https://github.com/o/r/actions/runs/1");

        var markdown = MarkdownReport.Render(Report(log: log), maxLength: 10_000, runUrl);

        Assert.InRange(markdown.Length, 9_000, 10_000);
        Assert.Contains("The log below is cut to its last", markdown, StringComparison.Ordinal);
        Assert.Contains("[workflow run](https://github.com/o/r/actions/runs/1)", markdown, StringComparison.Ordinal);
        Assert.Contains("log line 20000", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("log line 00001", markdown, StringComparison.Ordinal);
        Assert.Contains("| secretAccessKey | [secret] |", markdown, StringComparison.Ordinal); // the rest is whole
        var code = Parse(markdown).Descendants<FencedCodeBlock>().Single();
        Assert.StartsWith("log line ", code.Lines.ToString(), StringComparison.Ordinal); // cut at a line start
    }

    [Fact]
    public void Cuts_even_the_rest_when_the_changes_alone_are_too_long()
    {
        var changes = Enumerable.Range(0, 2_000)
            .Select(i => new ResourceChange("aws:s3/bucket:Bucket", $"bucket-{i}", ChangeKind.Create, []))
            .ToImmutableArray();

        var markdown = MarkdownReport.Render(Report(changes: changes), maxLength: 5_000);

        Assert.True(markdown.Length <= 5_000);
        Assert.Contains("This report is cut to fit", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<details>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_limit_too_small_for_any_report()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkdownReport.Render(Report(), maxLength: 100));
    }
}
