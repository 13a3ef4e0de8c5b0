namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>
/// An environment as GitHub answers for it (<c>GET /repos/{owner}/{repo}/environments/{name}</c> and, when it has custom
/// branch policies, <c>…/deployment-branch-policies</c>).
/// </summary>
/// <param name="BranchPolicy">null: every branch may deploy.</param>
/// <param name="BranchPolicies">The custom rules; empty unless <see cref="DeploymentBranchPolicy.CustomBranchPolicies"/>.</param>
/// <param name="Reviewers">The <c>required_reviewers</c> protection rule; null when there is none.</param>
/// <param name="WaitTimer">The <c>wait_timer</c> rule's minutes; null when there is none. Not a reviewer.</param>
public sealed record ObservedEnvironment(
    string Name,
    DeploymentBranchPolicy? BranchPolicy,
    IReadOnlyList<BranchPolicy> BranchPolicies,
    ReviewersRule? Reviewers,
    int? WaitTimer);
