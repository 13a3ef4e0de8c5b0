using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>
/// Finds the review stacks in the state backend, not in any memory of what was deployed: a stack whose teardown
/// failed is listed again by the next sweep. Lists both projects, so a pair with only one half left is found too.
/// </summary>
public sealed class ReviewSweeper
{
    private readonly IStackOperator _stacks;
    private readonly TimeProvider _time;

    public ReviewSweeper(IStackOperator stacks, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(time);
        _stacks = stacks;
        _time = time;
    }

    /// <summary>Every review stack of the backend <paramref name="settings"/> names, paired across the two projects.</summary>
    public async Task<ImmutableArray<ReviewStack>> ListAsync(PipelineSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var createRole = await _stacks.ListStacksAsync(StackRequests.CreateRoleProject(settings), cancellationToken).ConfigureAwait(false);
        var assumeRole = await _stacks.ListStacksAsync(StackRequests.AssumeRoleProject(settings), cancellationToken).ConfigureAwait(false);
        return ReviewStack.Pair(createRole, assumeRole);
    }

    /// <param name="pullRequests">The status of a pull request; null when GitHub is not asked (then the time to live alone decides).</param>
    public async Task<ImmutableArray<SweepDecision>> PlanAsync(PipelineSettings settings, TimeSpan timeToLive,
        Func<IEnumerable<int>, CancellationToken, Task<IReadOnlyDictionary<int, PullRequestStatus>>>? pullRequests, CancellationToken cancellationToken)
    {
        var stacks = await ListAsync(settings, cancellationToken).ConfigureAwait(false);
        var states = pullRequests is null
            ? ImmutableDictionary<int, PullRequestStatus>.Empty
            : await pullRequests(stacks.Select(s => s.Name.PullRequest), cancellationToken).ConfigureAwait(false);
        return ReviewSweep.Choose(stacks, states, _time.GetUtcNow(), timeToLive);
    }

    /// <summary>
    /// Removes an empty review stack's two halves from the backend (<c>pulumi stack rm</c>, which refuses a stack that
    /// still has resources). Only a <see cref="SweepAction.Remove"/> decision is accepted.
    /// </summary>
    public async Task RemoveEmptyStackAsync(PipelineSettings settings, SweepDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Action != SweepAction.Remove)
            throw new ArgumentException($"Only an empty review stack is removed; {decision.Stack.Name} is to {decision.Action}.", nameof(decision));
        foreach (var (project, listed) in new[]
                 {
                     (StackRequests.CreateRoleProject(settings), decision.Stack.CreateRole),
                     (StackRequests.AssumeRoleProject(settings), decision.Stack.AssumeRole),
                 })
        {
            if (listed is null)
                continue;
            var request = new StackRequest(project.Project, project.WorkDir, listed.Name, ImmutableDictionary<string, StackConfigValue>.Empty,
                project.Environment, static _ => { });
            await _stacks.RemoveStackAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every empty review stack of <paramref name="plan"/> (its <see cref="SweepAction.Remove"/> decisions) from the backend.</summary>
    public async Task RemoveEmptyAsync(PipelineSettings settings, ImmutableArray<SweepDecision> plan, CancellationToken cancellationToken)
    {
        foreach (var decision in plan.Where(d => d.Action == SweepAction.Remove))
            await RemoveEmptyStackAsync(settings, decision, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Destroys each review stack pair the plan says to, in the safe order (<paramref name="destroy"/>: the deploy
    /// pipeline's destroy, assume-role first with the key create-role holds), with that pair's own stack and user
    /// names and with its bucket's objects; every pair is tried, and the failures are returned as "stack (why)".
    /// </summary>
    public static async Task<ImmutableArray<string>> SweepAsync(PipelineSettings settings, ImmutableArray<SweepDecision> plan,
        Func<PipelineSettings, CancellationToken, Task<PipelineRun>> destroy, IPipelineOutput output, Action<PipelineRun> report,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(destroy);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var failed = ImmutableArray.CreateBuilder<string>();
        foreach (var decision in plan.Where(d => d.Action == SweepAction.Destroy))
        {
            var review = decision.Stack.Name;
            output.Progress($"Destroying {review.QualifiedStack}: {decision.Reason}");
            // A review stack's bucket goes with its objects: its data is disposable, and a kept bucket would block the teardown.
            var stack = settings with { Stack = review.QualifiedStack, UnprivilegedUserName = review.UserName, BucketForceDestroy = true };
            var run = await destroy(stack, cancellationToken).ConfigureAwait(false);
            report(run);
            if (!run.Succeeded)
                failed.Add($"{review.QualifiedStack} ({run.Failure})");
        }

        return failed.ToImmutable();
    }
}
