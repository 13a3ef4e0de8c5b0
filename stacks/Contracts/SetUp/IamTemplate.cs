namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>One of deploy/iam's policy templates, by the file it is read from.</summary>
public enum IamTemplate
{
    DeployPolicy,
    PreviewPolicy,
    ReviewPolicy,
    DeployBoundary,
    ReviewBoundary,
    TrustDeploy,
    TrustPreview,
    TrustReview,
}
