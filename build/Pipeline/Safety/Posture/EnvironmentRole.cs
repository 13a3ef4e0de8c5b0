namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>What a GitHub environment is for in the design (README: Threat model), which decides how it must be protected.</summary>
public enum EnvironmentRole
{
    /// <summary>A stack's create-role update and destroy, and the hand-off: deploy credentials.</summary>
    Privileged,

    /// <summary>A stack's assume-role, with the handed-off key.</summary>
    Unprivileged,

    /// <summary>A stack's pull request previews with a read-only role: open to every branch by design.</summary>
    Preview,

    /// <summary>The review stacks' create-role: unmerged code behind required reviewers.</summary>
    ReviewPrivileged,

    /// <summary>The review stacks' assume-role: unmerged code behind required reviewers.</summary>
    ReviewUnprivileged,
}
