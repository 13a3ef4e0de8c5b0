using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Safety.Posture;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>The variables each environment's jobs read (stage.yml), with the values the AWS half made.</summary>
public static class SetUpVariables
{
    /// <summary>The role ARN variable a role's jobs read; null for the roles that assume none (unprivileged ones).</summary>
    public static string? RoleArnVariable(EnvironmentRole role) => role switch
    {
        EnvironmentRole.Privileged or EnvironmentRole.ReviewPrivileged => PipelineNames.PrivilegedRoleArn,
        EnvironmentRole.Preview => PipelineNames.PreviewRoleArn,
        _ => null,
    };

    /// <summary>The environment's variables: its role's ARN and the permissions boundary its create-role (or preview of it) passes.</summary>
    /// <exception cref="ExplainedFailure">The AWS half returned no role for an environment that assumes one.</exception>
    public static IReadOnlyDictionary<string, string> For(PostureTarget target, AwsSetUpResult aws)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(aws);
        if (RoleArnVariable(target.Role) is not { } variable)
            return new Dictionary<string, string>();
        var arn = aws.RoleArnByEnvironment.TryGetValue(target.Environment, out var found)
            ? found
            : throw new ExplainedFailure($"The AWS half of the set-up returned no role for the environment {target.Environment}; nothing on GitHub was changed.");
        var boundary = target.Role == EnvironmentRole.ReviewPrivileged ? aws.ReviewBoundaryArn : aws.DeployBoundaryArn;
        return new Dictionary<string, string>(StringComparer.Ordinal) { [variable] = arn, [PipelineNames.PermissionsBoundaryArn] = boundary };
    }

    /// <summary>The AWS roles the set-up makes for these environments, one per environment that assumes one.</summary>
    public static IReadOnlyList<AwsRoleRequest> Roles(IEnumerable<PostureTarget> targets) =>
    [
        .. targets.Select(t => t.Role switch
        {
            EnvironmentRole.Privileged => new AwsRoleRequest(AwsRoleKind.Deploy, t.Stack!, t.Environment),
            EnvironmentRole.Preview => new AwsRoleRequest(AwsRoleKind.Preview, t.Stack!, t.Environment),
            EnvironmentRole.ReviewPrivileged => new AwsRoleRequest(AwsRoleKind.Review, "pr-*", t.Environment),
            _ => null,
        }).OfType<AwsRoleRequest>(),
    ];
}
