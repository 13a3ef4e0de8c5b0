using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Review;
using AssumeRolePipeline.Pipeline.Publishing.Review;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Microsoft.Extensions.Time.Testing;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

/// <summary>The sweep finds review stacks in the backend's stack list, both projects, and removes only empty ones.</summary>
public sealed class ReviewSweeperTests
{
    private static readonly DateTimeOffset Now = new(2030, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryStackOperator _stacks = new();
    private readonly FakeTimeProvider _clock = new(Now);

    private ReviewSweeper Planner => new(_stacks, _clock);

    private void List(string project, params ListedStack[] stacks) => _stacks.Listed[project] = [.. stacks];

    [Fact]
    public async Task Plans_from_the_stack_lists_of_both_projects_with_the_pull_requests_github_reports()
    {
        List(CreateRoleContract.ProjectName,
            new ListedStack("dev", Now - TimeSpan.FromDays(30), 6), new ListedStack("pr-12", Now - TimeSpan.FromHours(1), 6), new ListedStack("pr-15", Now - TimeSpan.FromDays(4), 6));
        List(AssumeRoleContract.ProjectName,
            new ListedStack("dev", Now - TimeSpan.FromDays(30), 3), new ListedStack("pr-12", Now - TimeSpan.FromHours(1), 3), new ListedStack("pr-20", Now - TimeSpan.FromHours(1), 3));
        IEnumerable<int>? asked = null;

        var plan = await Planner.PlanAsync(PipelineFixture.Settings, TimeSpan.FromDays(3), (numbers, _) =>
        {
            asked = numbers.ToList();
            return Task.FromResult<IReadOnlyDictionary<int, PullRequestStatus>>(new Dictionary<int, PullRequestStatus>
            {
                [12] = PullRequestStatus.Open, [15] = PullRequestStatus.Open, [20] = PullRequestStatus.Merged,
            });
        }, CancellationToken.None);

        Assert.Equal([12, 15, 20], asked);
        Assert.Equal(
            [("pr-12", SweepAction.Keep), ("pr-15", SweepAction.Destroy), ("pr-20", SweepAction.Destroy)],
            plan.Select(d => (d.Stack.Name.Stack, d.Action)));
        Assert.Equal("""["pr-15","pr-20"]""", ReviewSweepReport.DestroyMatrix(plan));
    }

    [Fact]
    public async Task Time_moves_a_kept_stack_past_its_time_to_live_on_a_later_sweep()
    {
        List(CreateRoleContract.ProjectName, new ListedStack("pr-12", Now - TimeSpan.FromDays(2), 6));

        var first = await Planner.PlanAsync(PipelineFixture.Settings, TimeSpan.FromDays(3), null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var later = await Planner.PlanAsync(PipelineFixture.Settings, TimeSpan.FromDays(3), null, CancellationToken.None);

        Assert.Equal(SweepAction.Keep, Assert.Single(first).Action);
        Assert.Equal(SweepAction.Destroy, Assert.Single(later).Action);
    }

    [Fact]
    public async Task Removes_both_halves_of_an_empty_pair_from_the_backend_and_nothing_else()
    {
        List(CreateRoleContract.ProjectName, new ListedStack("dev", Now, 6), new ListedStack("pr-7", Now - TimeSpan.FromDays(9), 0));
        List(AssumeRoleContract.ProjectName, new ListedStack("pr-7", Now - TimeSpan.FromDays(9), 0));
        var decision = Assert.Single(await Planner.PlanAsync(PipelineFixture.Settings, TimeSpan.FromDays(3), null, CancellationToken.None));

        await Planner.RemoveEmptyStackAsync(PipelineFixture.Settings, decision, CancellationToken.None);

        Assert.Equal(SweepAction.Remove, decision.Action);
        Assert.Equal(["create-role/pr-7", "assume-role/pr-7"], _stacks.Removed);
        Assert.Empty(await Planner.ListAsync(PipelineFixture.Settings, CancellationToken.None));
        Assert.Equal(["dev"], _stacks.Listed[CreateRoleContract.ProjectName].Select(s => s.Name));
    }

    [Fact]
    public async Task Refuses_to_remove_a_stack_it_chose_to_destroy()
    {
        List(CreateRoleContract.ProjectName, new ListedStack("pr-7", Now - TimeSpan.FromDays(9), 6));
        var decision = Assert.Single(await Planner.PlanAsync(PipelineFixture.Settings, TimeSpan.FromDays(3), null, CancellationToken.None));

        await Assert.ThrowsAsync<ArgumentException>(() => Planner.RemoveEmptyStackAsync(PipelineFixture.Settings, decision, CancellationToken.None));
        Assert.Empty(_stacks.Removed);
    }

    [Fact]
    public async Task A_stack_whose_teardown_failed_is_found_again_because_the_list_comes_from_the_backend()
    {
        // The teardown's destroy failed half-way: assume-role still has its bucket, create-role is untouched.
        List(CreateRoleContract.ProjectName, new ListedStack("pr-9", Now - TimeSpan.FromHours(2), 6));
        List(AssumeRoleContract.ProjectName, new ListedStack("pr-9", Now - TimeSpan.FromHours(2), 2));

        var plan = await Planner.PlanAsync(PipelineFixture.Settings, TimeSpan.FromDays(3),
            (_, _) => Task.FromResult<IReadOnlyDictionary<int, PullRequestStatus>>(new Dictionary<int, PullRequestStatus> { [9] = PullRequestStatus.Closed }),
            CancellationToken.None);

        Assert.Equal((SweepAction.Destroy, "pull request #9 is closed"), (plan.Single().Action, plan.Single().Reason));
    }
}
