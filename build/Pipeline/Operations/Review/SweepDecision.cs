namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>The sweep's choice for one review stack, with the reason in words for the summary.</summary>
public sealed record SweepDecision(ReviewStack Stack, SweepAction Action, PullRequestStatus PullRequest, string Reason);
