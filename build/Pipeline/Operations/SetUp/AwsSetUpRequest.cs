namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>What the AWS half of the set-up makes: for this repository, one role per entry of <see cref="Roles"/>.</summary>
/// <param name="Repository">The GitHub repository, <c>OWNER/REPO</c> (checked), whose OIDC subjects the roles trust.</param>
/// <param name="Region">The AWS region (checked).</param>
/// <param name="Roles">One role per environment that assumes one, from <c>deploy/stacks.yml</c>.</param>
public sealed record AwsSetUpRequest(string Repository, string Region, IReadOnlyList<AwsRoleRequest> Roles);
