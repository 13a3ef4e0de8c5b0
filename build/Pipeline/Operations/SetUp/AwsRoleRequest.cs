namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>One role of the set-up: its kind (which policy files), the stack it serves and the one environment it trusts.</summary>
/// <param name="Stack">The declared stack (<c>dev</c>, <c>prod</c>); for <see cref="AwsRoleKind.Review"/> the review stacks' pattern <c>pr-*</c>.</param>
/// <param name="Environment">The GitHub environment whose OIDC subject, and only that, the role trusts.</param>
public sealed record AwsRoleRequest(AwsRoleKind Kind, string Stack, string Environment);
