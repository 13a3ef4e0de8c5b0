using System.Collections.Immutable;
using System.Globalization;

namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>
/// The sweep's rule, with no I/O: a review stack goes when its pull request is closed or merged, or when it has
/// not been updated for longer than the time to live (a stack never updated counts as expired). A
/// stack with resources is destroyed; an empty one, left by a teardown, is removed from the backend. A stack an
/// operation holds right now is kept for the next sweep.
/// </summary>
public static class ReviewSweep
{
    public static ImmutableArray<SweepDecision> Choose(IEnumerable<ReviewStack> stacks, IReadOnlyDictionary<int, PullRequestStatus> pullRequests,
        DateTimeOffset now, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(pullRequests);
        if (timeToLive <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "The time to live must be positive.");
        var all = stacks.ToList();
        // Several organisations' review stacks of one pull request share its IAM user name:
        // destroying one would take the other's away, so the sweep touches none of them.
        var shared = all.GroupBy(s => s.Name.PullRequest).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(s => s.Name.QualifiedStack)));
        return [.. all.Select(stack => Decide(stack, pullRequests.GetValueOrDefault(stack.Name.PullRequest), now, timeToLive,
            shared.GetValueOrDefault(stack.Name.PullRequest)))];
    }

    private static SweepDecision Decide(ReviewStack stack, PullRequestStatus status, DateTimeOffset now, TimeSpan timeToLive, string? sharedWith)
    {
        var number = stack.Name.PullRequest;
        if (stack.UpdateInProgress)
            return new(stack, SweepAction.Keep, status, "an operation is running on it; the next sweep looks again");
        if (sharedWith is not null)
        {
            return new(stack, SweepAction.Keep, status, $"pull request #{number} has review stacks in more than one organisation " +
                                                        $"({sharedWith}), which share one IAM user: remove the wrong one by hand");
        }

        var age = stack.Age(now);
        // A pull request GitHub does not know waits for the time to live like an unknown one: a 404 may also be a
        // token that sees less than it should, and is never reason enough to destroy.
        var missing = status == PullRequestStatus.Missing ? $"GitHub has no pull request #{number}; " : "";
        var reason = status switch
        {
            PullRequestStatus.Closed => $"pull request #{number} is closed",
            PullRequestStatus.Merged => $"pull request #{number} is merged",
            _ when age is null => missing + "it was never updated",
            _ when age > timeToLive => missing + $"not updated for {Duration(age.Value)} (time to live {Duration(timeToLive)})",
            _ => null,
        };
        if (reason is null)
        {
            var known = status == PullRequestStatus.Open ? $"pull request #{number} is open; " : missing;
            return new(stack, SweepAction.Keep, status, $"{known}updated {Duration(age!.Value)} ago, {Duration(timeToLive - age.Value)} left");
        }

        return stack.IsEmpty
            ? new(stack, SweepAction.Remove, status, reason + "; already destroyed, removed from the state backend")
            : new(stack, SweepAction.Destroy, status, reason);
    }

    /// <summary>A duration in the largest two units that matter: <c>3 d 4 h</c>, <c>5 h 12 min</c>, <c>7 min</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            duration = TimeSpan.Zero;
        static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
        return duration.TotalDays >= 1 ? $"{N((int)duration.TotalDays)} d{(duration.Hours > 0 ? $" {N(duration.Hours)} h" : "")}"
            : duration.TotalHours >= 1 ? $"{N(duration.Hours)} h{(duration.Minutes > 0 ? $" {N(duration.Minutes)} min" : "")}"
            : $"{N(duration.Minutes)} min";
    }
}
