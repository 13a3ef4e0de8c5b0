namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>Which of deploy/iam's policy sets a role gets.</summary>
public enum AwsRoleKind
{
    /// <summary>A stack's privileged environment: deploy-policy.json, creating only within deploy-boundary.json.</summary>
    Deploy,

    /// <summary>A stack's preview environment: preview-policy.json, reads only.</summary>
    Preview,

    /// <summary>The review stacks' privileged environment: review-policy.json, creating only within review-boundary.json.</summary>
    Review,
}
