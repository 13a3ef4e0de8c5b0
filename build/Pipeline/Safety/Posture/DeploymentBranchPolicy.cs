namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>An environment's <c>deployment_branch_policy</c>: GitHub allows exactly one of the two to be true.</summary>
public sealed record DeploymentBranchPolicy(bool ProtectedBranches, bool CustomBranchPolicies)
{
    /// <summary>Only the branches and tags the custom rules name.</summary>
    public static readonly DeploymentBranchPolicy Custom = new(ProtectedBranches: false, CustomBranchPolicies: true);
}
