using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Review;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

public sealed class ReviewSweepTests
{
    private static readonly DateTimeOffset Now = new(2030, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);

    private static ReviewStack Pair(int number, TimeSpan? age, int resources = 9, bool busy = false) => new(
        ReviewStackName.For(number),
        new ListedStack($"pr-{number}", Now - age, resources == 0 ? 0 : 6, busy),
        new ListedStack($"pr-{number}", Now - age - TimeSpan.FromMinutes(5), resources == 0 ? 0 : resources - 6));

    private static SweepDecision One(ReviewStack stack, PullRequestStatus status = PullRequestStatus.Open, TimeSpan? ttl = null) =>
        ReviewSweep.Choose([stack], new Dictionary<int, PullRequestStatus> { [stack.Name.PullRequest] = status }, Now, ttl ?? ThreeDays).Single();

    [Fact]
    public void An_open_pull_request_updated_within_the_time_to_live_is_kept_with_the_time_left()
    {
        var decision = One(Pair(12, TimeSpan.FromHours(30)));

        Assert.Equal(SweepAction.Keep, decision.Action);
        Assert.Equal("pull request #12 is open; updated 1 d 6 h ago, 1 d 18 h left", decision.Reason);
    }

    [Theory]
    [InlineData(71, SweepAction.Keep)]
    [InlineData(72, SweepAction.Keep)] // exactly the time to live: not yet longer than it
    [InlineData(73, SweepAction.Destroy)]
    public void An_open_pull_request_is_destroyed_once_not_updated_for_longer_than_the_time_to_live(int hours, SweepAction expected) =>
        Assert.Equal(expected, One(Pair(12, TimeSpan.FromHours(hours))).Action);

    [Fact]
    public void The_time_to_live_is_measured_from_the_later_update_of_the_two_halves()
    {
        var stack = new ReviewStack(ReviewStackName.For(4),
            new ListedStack("pr-4", Now - TimeSpan.FromDays(5), 6),
            new ListedStack("pr-4", Now - TimeSpan.FromHours(2), 3));

        Assert.Equal(Now - TimeSpan.FromHours(2), stack.LastUpdate);
        Assert.Equal(SweepAction.Keep, One(stack).Action);
    }

    [Fact]
    public void An_expired_stack_says_how_long_it_went_without_an_update()
    {
        var decision = One(Pair(3, TimeSpan.FromDays(4) + TimeSpan.FromHours(2)));

        Assert.Equal(SweepAction.Destroy, decision.Action);
        Assert.Equal("not updated for 4 d 2 h (time to live 3 d)", decision.Reason);
    }

    [Theory]
    [InlineData(PullRequestStatus.Closed, "pull request #12 is closed")]
    [InlineData(PullRequestStatus.Merged, "pull request #12 is merged")]
    public void A_closed_or_merged_pull_requests_stack_is_destroyed_however_recent(PullRequestStatus status, string reason)
    {
        var decision = One(Pair(12, TimeSpan.FromMinutes(10)), status);

        Assert.Equal(SweepAction.Destroy, decision.Action);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void A_pull_request_GitHub_does_not_know_waits_for_the_time_to_live()
    {
        // A 404 may be a stack made by hand, or a token that sees less than it should: never reason enough to destroy.
        var recent = One(Pair(12, TimeSpan.FromMinutes(10)), PullRequestStatus.Missing);
        var expired = One(Pair(12, TimeSpan.FromDays(4)), PullRequestStatus.Missing);

        Assert.Equal(SweepAction.Keep, recent.Action);
        Assert.Equal("GitHub has no pull request #12; updated 10 min ago, 2 d 23 h left", recent.Reason);
        Assert.Equal(SweepAction.Destroy, expired.Action);
        Assert.Equal("GitHub has no pull request #12; not updated for 4 d (time to live 3 d)", expired.Reason);
    }

    [Fact]
    public void An_empty_pair_left_by_a_teardown_is_removed_from_the_backend_not_destroyed_again()
    {
        var decision = One(Pair(12, TimeSpan.FromMinutes(10), resources: 0), PullRequestStatus.Closed);

        Assert.Equal(SweepAction.Remove, decision.Action);
        Assert.Equal("pull request #12 is closed; already destroyed, removed from the state backend", decision.Reason);
    }

    [Fact]
    public void A_pair_the_backend_gives_no_resource_count_for_counts_as_not_empty()
    {
        var stack = new ReviewStack(ReviewStackName.For(5), new ListedStack("pr-5", Now, null), null);

        Assert.Null(stack.ResourceCount);
        Assert.Equal(SweepAction.Destroy, One(stack, PullRequestStatus.Closed).Action);
    }

    [Fact]
    public void A_busy_stack_is_kept_for_the_next_sweep_even_when_its_pull_request_is_closed() =>
        Assert.Equal(SweepAction.Keep, One(Pair(12, TimeSpan.FromDays(9), busy: true), PullRequestStatus.Closed).Action);

    [Fact]
    public void A_stack_never_updated_counts_as_expired_and_without_github_the_time_to_live_alone_decides()
    {
        var never = new ReviewStack(ReviewStackName.For(8), new ListedStack("pr-8", null, 0), null);
        var recent = Pair(9, TimeSpan.FromHours(1));

        var decisions = ReviewSweep.Choose([never, recent], ImmutableDictionary<int, PullRequestStatus>.Empty, Now, ThreeDays);

        Assert.Equal((SweepAction.Remove, PullRequestStatus.Unknown), (decisions[0].Action, decisions[0].PullRequest));
        Assert.StartsWith("it was never updated", decisions[0].Reason, StringComparison.Ordinal);
        Assert.Equal("updated 1 h ago, 2 d 23 h left", decisions[1].Reason);
    }

    [Fact]
    public void A_time_to_live_of_zero_is_a_bug_not_a_sweep_of_everything() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewSweep.Choose([], ImmutableDictionary<int, PullRequestStatus>.Empty, Now, TimeSpan.Zero));

    [Fact]
    public void Pairing_keeps_only_canonical_review_stacks_and_finds_a_pair_with_one_half_left()
    {
        var pairs = ReviewStack.Pair(
            [new("dev", Now, 6), new("org/pr-12", Now, 6), new("pr-012", Now, 6), new("prod", Now, 6)],
            [new("pr-3", Now, 3), new("org/pr-12", Now, 3)]);

        Assert.Equal(["pr-3", "pr-12"], pairs.Select(p => p.Name.Stack));
        Assert.Null(pairs[0].CreateRole);
        Assert.Equal(3, pairs[0].ResourceCount);
        Assert.Equal(9, pairs[1].ResourceCount);
    }

    [Fact]
    public void Pairing_keeps_each_organisations_review_stack_apart_and_acts_on_it_by_its_qualified_name()
    {
        var pairs = ReviewStack.Pair(
            [new("a/pr-12", Now, 6), new("b/pr-12", Now, 6), new("a/pr-3", Now, 6)],
            [new("b/pr-12", Now, 3), new("a/pr-3", Now, 3)]);

        Assert.Equal(["a/pr-3", "a/pr-12", "b/pr-12"], pairs.Select(p => p.Name.QualifiedStack));
        Assert.Equal(("a/pr-12", null), (pairs[1].CreateRole?.Name, pairs[1].AssumeRole?.Name));
        Assert.Equal(("b/pr-12", "b/pr-12"), (pairs[2].CreateRole?.Name, pairs[2].AssumeRole?.Name));
    }

    [Fact]
    public void A_pull_request_with_review_stacks_in_two_organisations_is_left_to_a_person()
    {
        // They share one IAM user name: destroying either would take the other's away.
        var pairs = ReviewStack.Pair([new("a/pr-12", Now - TimeSpan.FromDays(9), 6), new("b/pr-12", Now - TimeSpan.FromDays(9), 6), new("a/pr-3", Now, 6)], []);

        var decisions = ReviewSweep.Choose(pairs,
            new Dictionary<int, PullRequestStatus> { [12] = PullRequestStatus.Closed, [3] = PullRequestStatus.Closed }, Now, ThreeDays);

        Assert.Equal([SweepAction.Destroy, SweepAction.Keep, SweepAction.Keep], decisions.Select(d => d.Action));
        Assert.Equal("pull request #12 has review stacks in more than one organisation (a/pr-12, b/pr-12), which share one IAM user: " +
                     "remove the wrong one by hand", decisions[1].Reason);
    }

    [Theory]
    [InlineData(0, 0, 7, "7 min")]
    [InlineData(0, 5, 0, "5 h")]
    [InlineData(0, 5, 12, "5 h 12 min")]
    [InlineData(3, 0, 30, "3 d")]
    [InlineData(3, 4, 0, "3 d 4 h")]
    public void Durations_read_in_the_two_largest_units(int days, int hours, int minutes, string expected) =>
        Assert.Equal(expected, ReviewSweep.Duration(new TimeSpan(days, hours, minutes, 0)));
}
