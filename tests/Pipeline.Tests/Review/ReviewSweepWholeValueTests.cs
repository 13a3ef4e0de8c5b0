using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Review;
using AssumeRolePipeline.Pipeline.Publishing.Review;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Tests.Reporting;
using static AssumeRolePipeline.Pipeline.Tests.Reporting.WholeValueRendering;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

public sealed class ReviewSweepWholeValueTests
{
    private static readonly DateTimeOffset Now = new(2030, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private const string Reason = $"pull request #12345 is closed ({Url}); not updated for 4 d (time to live 3 d)";

    private static SweepDecision Decision() =>
        new(new ReviewStack(ReviewStackName.For(12345), new ListedStack("pr-12345", Now - TimeSpan.FromDays(4), 6), null),
            SweepAction.Destroy, PullRequestStatus.Closed, Reason);

    [Theory]
    [MemberData(nameof(Consoles), MemberType = typeof(WholeValueRendering))]
    public void The_stack_its_last_update_and_a_URL_in_the_reason_stay_whole(string kind)
    {
        var (console, output) = Console(kind);

        ReviewSweepReport.Write(console, [Decision()], Now, TimeSpan.FromDays(3));

        var lines = Lines(output);
        Assert.Matches(@"pr-12345\s*│\s*#12345 \(closed\)\s*│\s*2030-05-06T12:00:00Z", string.Join('\n', lines));
        Assert.Contains(lines, l => l.Contains(Url, StringComparison.Ordinal));
        Assert.Contains(Reason, Column(lines, 5), StringComparison.Ordinal);
    }
}
