using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Review;
using AssumeRolePipeline.Pipeline.Publishing.Review;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

public sealed class ReviewSweepReportTests
{
    private static readonly DateTimeOffset Now = new(2030, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly ImmutableArray<SweepDecision> Plan = ReviewSweep.Choose(
        ReviewStack.Pair(
            [new ListedStack("pr-12", Now - TimeSpan.FromHours(5), 6), new ListedStack("pr-15", Now - TimeSpan.FromDays(4), 6), new ListedStack("pr-20", null, 0)],
            [new ListedStack("pr-12", Now - TimeSpan.FromHours(5), 3)]),
        new Dictionary<int, PullRequestStatus> { [12] = PullRequestStatus.Open, [15] = PullRequestStatus.Open, [20] = PullRequestStatus.Missing },
        Now, TimeSpan.FromDays(3));

    private static (IAnsiConsole Console, StringWriter Output) Console()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 220;
        return (console, writer);
    }

    [Fact]
    public void The_summary_has_a_row_per_review_stack_with_its_age_and_what_the_sweep_does_and_why()
    {
        var markdown = ReviewSweepReport.Markdown("Review stack sweep", Plan, Now, TimeSpan.FromDays(3));

        Assert.StartsWith("### Review stack sweep\n\nTime to live: 3 d. 3 review stack(s): 1 to destroy, 1 to remove (already empty), 1 kept.", markdown.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("| `pr-12` | #12 (open) | 2030-05-10T07:00:00Z (5 h ago) | 9 | **keep** | pull request #12 is open; updated 5 h ago, 2 d 19 h left |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `pr-15` | #15 (open) | 2030-05-06T12:00:00Z (4 d ago) | 6 | **destroy** | not updated for 4 d (time to live 3 d) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `pr-20` | #20 (not found) | never | 0 | **remove** |", markdown, StringComparison.Ordinal);
        Assert.Equal("""["pr-15"]""", ReviewSweepReport.DestroyMatrix(Plan));
    }

    [Fact]
    public void No_review_stacks_say_so_in_the_summary_and_the_console()
    {
        var (console, output) = Console();

        ReviewSweepReport.Write(console, [], Now, TimeSpan.FromDays(3));

        Assert.Contains("No review stacks in the state backend.", ReviewSweepReport.Markdown("Review stacks", [], Now, TimeSpan.FromDays(3)), StringComparison.Ordinal);
        Assert.Contains("No review stacks in the state backend.", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("[]", ReviewSweepReport.DestroyMatrix([]));
    }

    [Fact]
    public void The_console_lists_each_stack_with_its_age()
    {
        var (console, output) = Console();

        ReviewSweepReport.Write(console, Plan, Now, TimeSpan.FromDays(3));

        Assert.Contains("time to live 3 d", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("(5 h ago)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("not updated for 4 d (time to live 3 d)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("#20 (not found)", output.ToString(), StringComparison.Ordinal);
    }
}
