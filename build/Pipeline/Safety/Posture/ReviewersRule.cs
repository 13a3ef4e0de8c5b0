namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>An environment's <c>required_reviewers</c> protection rule.</summary>
/// <param name="Reviewers">Each reviewer as <c>User:login</c> or <c>Team:slug</c> with its id.</param>
public sealed record ReviewersRule(IReadOnlyList<ObservedReviewer> Reviewers, bool PreventSelfReview);
