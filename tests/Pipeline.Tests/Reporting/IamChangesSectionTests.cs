using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

/// <summary>Where a stack's IAM changes appear: first in its PR comment and job summary section, and right after the console's table.</summary>
public sealed class IamChangesSectionTests
{
    private static readonly ReportedIamChanges Iam = new(
        "### IAM changes\n\n> ⚠️ **Broadens access:** role `allow-s3-management` (trust)\n\n",
        ["IAM changes:", "  role allow-s3-management (trust) BROADENS ACCESS: adds principal *", "    ! + Allow who: *  what: sts:AssumeRole"],
        Broadens: true);

    private static StackReport Report(string log) =>
        new StackReport("create-role", "dev", StackOperation.Preview, StackOutcome.Succeeded,
            ImmutableDictionary<ChangeKind, int>.Empty.Add(ChangeKind.Update, 1),
            [new ResourceChange("aws:iam/role:Role", "allow-s3-management", ChangeKind.Update, ["assumeRolePolicy"])], [], log, TimeSpan.FromSeconds(3))
        {
            IamChanges = Iam,
        };

    [Fact]
    public void The_IAM_section_is_the_first_thing_under_the_stacks_heading()
    {
        var markdown = MarkdownReport.Render(Report("preview log\n"));

        var lines = markdown.Split('\n');
        Assert.StartsWith("### ✅ create-role / dev — preview succeeded", lines[0], StringComparison.Ordinal);
        Assert.Equal("### IAM changes", lines[2]);
        Assert.True(markdown.IndexOf("### IAM changes", StringComparison.Ordinal) < markdown.IndexOf("create 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncation_cuts_the_log_and_keeps_the_IAM_section()
    {
        var log = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"line {i} of a long preview\n"));

        var markdown = MarkdownReport.Render(Report(log), maxLength: 2_000);

        Assert.True(markdown.Length <= 2_000);
        Assert.Contains(Iam.Markdown, markdown, StringComparison.Ordinal);
        Assert.Contains("The log below is cut", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void No_section_is_written_when_nothing_IAM_changes()
    {
        Assert.DoesNotContain("IAM changes", MarkdownReport.Render(Report("log\n") with { IamChanges = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_lists_the_IAM_changes_right_after_the_table_before_each_stacks_notes()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 200;

        ConsoleSummary.Write(console, new PipelineRun(StackOperation.Preview, [new StageResult(Report("log\n") with { Note = "a note" })]));

        var text = output.ToString();
        var iam = text.IndexOf("create-role/dev IAM changes:", StringComparison.Ordinal);
        Assert.True(iam > text.IndexOf("Took", StringComparison.Ordinal));
        Assert.True(iam < text.IndexOf("a note", StringComparison.Ordinal));
        Assert.Contains("! + Allow who: *  what: sts:AssumeRole", text, StringComparison.Ordinal);
    }
}
