namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>The three roles deploy/iam describes (its roles.json): which trust and permission templates a role gets.</summary>
public enum SetUpRoleKind
{
    /// <summary>A declared stack's privileged environment: trust-deploy.json and deploy-policy.json.</summary>
    Deploy,

    /// <summary>A declared stack's preview environment: trust-preview.json and preview-policy.json (reads only).</summary>
    Preview,

    /// <summary>The review stacks' privileged environment: trust-review.json and review-policy.json.</summary>
    Review,
}
