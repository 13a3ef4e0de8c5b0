using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.GitHub;
using AssumeRolePipeline.Pipeline.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Review;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Stacks;
using Nuke.Common;
using Spectre.Console;

/// <summary>
/// Review stacks (pr-&lt;number&gt;): listing them with their age, and the sweep that destroys those whose pull
/// request is closed or that outlived their time to live. A review stack's own Up/Destroy are the stack targets
/// with --stack pr-12; the names, the hand-off slot and every decision come from build/Pipeline/Review.
/// </summary>
sealed partial class Build
{
    [Parameter("ListReviewStacks, PlanReviewSweep, SweepReviewStacks: days a review stack may go without an update. Default: deploy/stacks.yml (review.time-to-live-days)")]
    readonly int? ReviewTimeToLive;

    Target ListReviewStacks => _ => _
        .Description("Lists the review stacks (pr-<number>) in the state backend with their age and what the sweep would do; changes nothing")
        .Executes(async () =>
        {
            var (settings, timeToLive) = ReviewSweepSettings();
            var plan = await Guarded(() => ReviewPlanner.PlanAsync(settings, timeToLive, PullRequestStatesOrNull(), CancellationToken.None));
            ReviewSweepReport.Write(Terminal, plan, TimeProvider.System.GetUtcNow(), timeToLive);
            AppendSummary(ReviewSweepReport.Markdown("Review stacks", plan, TimeProvider.System.GetUtcNow(), timeToLive));
        });

    Target PlanReviewSweep => _ => _
        .Description("CI, the sweep's first job (state credential only): removes empty review stacks and sets the step output 'destroy', the stacks to destroy")
        .Executes(async () =>
        {
            var (settings, timeToLive) = ReviewSweepSettings();
            var states = PullRequestStatesOrNull() ?? throw new ExplainedFailure(
                "PlanReviewSweep asks GitHub which pull requests are closed: set GITHUB_TOKEN (the job needs pull-requests: read).");
            var plan = await Guarded(() => ReviewPlanner.PlanAsync(settings, timeToLive, states, CancellationToken.None));
            await RemoveEmptyReviewStacksAsync(settings, plan);
            ReviewSweepReport.Write(Terminal, plan, TimeProvider.System.GetUtcNow(), timeToLive);
            AppendSummary(ReviewSweepReport.Markdown("Review stack sweep: the plan", plan, TimeProvider.System.GetUtcNow(), timeToLive));
            // Stack names only: nothing secret, so it can travel as a job output to the destroy matrix.
            if (Env("GITHUB_OUTPUT") is { Length: > 0 } output)
                new EnvironmentFileWriter(output).Set("destroy", ReviewSweepReport.DestroyMatrix(plan));
        });

    Target SweepReviewStacks => _ => _
        .Description("Destroys review stacks whose pull request is closed or that outlived their time to live, each pair in the safe order (your credentials)")
        .Executes(async () =>
        {
            var (settings, timeToLive) = ReviewSweepSettings(privileged: true);
            var plan = await Guarded(() => ReviewPlanner.PlanAsync(settings, timeToLive, PullRequestStatesOrNull(), CancellationToken.None));
            ReviewSweepReport.Write(Terminal, plan, TimeProvider.System.GetUtcNow(), timeToLive);
            var failed = new List<string>();
            foreach (var decision in plan.Where(d => d.Action == SweepAction.Destroy))
            {
                var review = decision.Stack.Name;
                var stackSettings = settings with { Stack = review.Stack, UnprivilegedUserName = review.UserName };
                Terminal.MarkupLine($"[blue]»[/] Destroying {review.Stack}: {Markup.Escape(decision.Reason)}");
                // The pair in the safe order, assume-role first with the key create-role still holds (as Destroy does).
                var run = await Guarded(() => Pipeline(stackSettings).DestroyAsync(stackSettings, force: false, CancellationToken.None));
                ConsoleSummary.Write(Terminal, run);
                if (!run.Succeeded)
                    failed.Add($"{review.Stack} ({run.Failure})");
            }

            await RemoveEmptyReviewStacksAsync(settings, plan);
            AppendSummary(ReviewSweepReport.Markdown("Review stack sweep", plan, TimeProvider.System.GetUtcNow(), timeToLive));
            if (failed.Count > 0)
                throw new ExplainedFailure($"The sweep could not destroy {string.Join("; ", failed)}. The next sweep finds them again in the state backend.");
        });

    ReviewSweepPlanner ReviewPlanner => new(Stacks, TimeProvider.System);

    (PipelineSettings Settings, TimeSpan TimeToLive) ReviewSweepSettings(bool privileged = false) => Guarded(() =>
    {
        var review = Declaration.Review ?? throw new InvalidInputException(new InputError("review stacks", null,
            $"a 'review:' section in {StackDeclaration.RelativePath} (README: Review stacks)"));
        var timeToLive = ReviewTimeToLive switch
        {
            null => review.TimeToLive,
            >= 1 and <= ReviewStacksDeclaration.MaxTimeToLiveDays => TimeSpan.FromDays(ReviewTimeToLive.Value),
            var days => throw new InvalidInputException(new InputError("review time to live (--review-time-to-live)", $"{days}",
                $"a whole number of days from 1 to {ReviewStacksDeclaration.MaxTimeToLiveDays}")),
        };
        return (Settings(privileged), timeToLive);
    });

    /// <summary>GitHub's answer for each pull request when a token is at hand (on GitHub: the job's); locally the time to live alone decides.</summary>
    static Func<IEnumerable<int>, CancellationToken, Task<IReadOnlyDictionary<int, PullRequestStatus>>>? PullRequestStatesOrNull()
    {
        if (Env("GITHUB_TOKEN") is not { Length: > 0 } token || Env("GITHUB_REPOSITORY") is not { Length: > 0 })
            return null;
        var github = Guarded(() => GitHubContext.FromEnvironment(Env));
        var states = new PullRequestStates(GitHubConnections.CreateClient(github.ApiUrl, token), github.Owner, github.Repository);
        return states.GetAllAsync;
    }

    async Task RemoveEmptyReviewStacksAsync(PipelineSettings settings, ImmutableArray<SweepDecision> plan)
    {
        foreach (var decision in plan.Where(d => d.Action == SweepAction.Remove))
            await Guarded(() => ReviewPlanner.RemoveAsync(settings, decision, CancellationToken.None));
    }

    static void AppendSummary(string markdown)
    {
        if (OnGitHubActions && Env("GITHUB_STEP_SUMMARY") is { Length: > 0 } path)
            new StepSummaryWriter(path).Append(markdown);
    }
}
