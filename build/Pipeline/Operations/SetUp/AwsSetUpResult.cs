namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>What the AWS half made (or, in a dry run, would make).</summary>
/// <param name="RoleArnByEnvironment">Each role's ARN by the environment it trusts; in a dry run the ARN it will have.</param>
/// <param name="DeployBoundaryArn">The managed policy every declared stack's user and role must carry (AWS_PERMISSIONS_BOUNDARY_ARN).</param>
/// <param name="ReviewBoundaryArn">The managed policy every review stack's user and role must carry.</param>
/// <param name="Changes">One line per resource created, updated or deleted (or that would be); empty when nothing was to do.</param>
public sealed record AwsSetUpResult(
    IReadOnlyDictionary<string, string> RoleArnByEnvironment,
    string DeployBoundaryArn,
    string ReviewBoundaryArn,
    IReadOnlyList<string> Changes);
