namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>Which branches may deploy to an environment.</summary>
public enum BranchRule
{
    /// <summary>
    /// Exactly the default branch: a custom deployment branch policy (<c>protected_branches: false</c>,
    /// <c>custom_branch_policies: true</c>) with the one branch rule naming it. No policy opens it to every branch;
    /// "protected branches" admits any protected branch; a tag rule or another pattern admits more.
    /// </summary>
    DefaultBranchOnly,

    /// <summary>Any branch: the environment runs unmerged code by design (previews, review stacks).</summary>
    AnyBranch,
}
