using AssumeRolePipeline.Pipeline.Safety.Posture;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>
/// The whole body of <c>PUT /repos/{owner}/{repo}/environments/{name}</c>, which replaces the protection settings it names:
/// so it always carries the full desired set, the wait timer and reviewers kept included.
/// </summary>
/// <param name="BranchPolicy">null: every branch may deploy.</param>
public sealed record EnvironmentProtection(int WaitTimer, bool PreventSelfReview, IReadOnlyList<ObservedReviewer> Reviewers, DeploymentBranchPolicy? BranchPolicy);
