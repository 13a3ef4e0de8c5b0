using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>
/// The sweep's decision taken again for one review stack right before its destroy. The sweep's plan job decides, then
/// each destroy waits for an approval, possibly for hours: a pull request reopened, redeployed or pushed to in that gap
/// must keep its live stack. So each destroy job lists the state backend and asks GitHub afresh, after its approval, and
/// goes ahead only when the same rule (<see cref="ReviewSweep.Choose"/>) still says destroy.
/// </summary>
public sealed class ReviewSweepRecheck
{
    private readonly ReviewSweeper _planner;
    private readonly TimeProvider _time;

    public ReviewSweepRecheck(IStackOperator stacks, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _planner = new ReviewSweeper(stacks, time);
        _time = time;
    }

    /// <summary>The fresh decision for <paramref name="stack"/>; null when the state backend no longer lists it.</summary>
    /// <param name="pullRequests">Asks GitHub now: never the plan's answer.</param>
    /// <param name="afterAssumeRoleDestroy">
    /// True for the create-role half, whose job runs after this teardown's assume-role job destroyed the bucket: an empty
    /// assume-role stack's last update is that very destroy, not a sign of life, so only create-role's update counts. An
    /// assume-role stack with resources again (a redeploy in between) counts as usual, and keeps the pair.
    /// </param>
    public async Task<SweepDecision?> DecideAsync(PipelineSettings settings, ReviewStackName stack, TimeSpan timeToLive,
        Func<IEnumerable<int>, CancellationToken, Task<IReadOnlyDictionary<int, PullRequestStatus>>> pullRequests, bool afterAssumeRoleDestroy,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(pullRequests);
        var listed = await _planner.ListAsync(settings, cancellationToken).ConfigureAwait(false);
        if (!listed.Any(s => s.Name == stack))
            return null;
        var stacks = listed.Select(s => afterAssumeRoleDestroy && s.Name == stack && s.AssumeRole is { ResourceCount: 0 } ? s with { AssumeRole = null } : s);
        var states = await pullRequests([stack.PullRequest], cancellationToken).ConfigureAwait(false);
        return ReviewSweep.Choose(stacks, states, _time.GetUtcNow(), timeToLive).Single(d => d.Stack.Name == stack);
    }
}
