using System.Collections.Immutable;

namespace AssumeRolePipeline.Contracts.Stacks;

/// <summary>The privileged stack: an IAM user with an access key, and a role only that user may assume.</summary>
public static class CreateRoleContract
{
    public const string ProjectName = "create-role";

    /// <summary>Directory of the Pulumi project, relative to the repository root.</summary>
    public const string ProjectDirectory = "stacks/CreateRole";

    /// <summary>Config key (in the project's namespace) naming the IAM user to create.</summary>
    public const string UnprivilegedUsernameKey = "unprivilegedUsername";

    public const string RoleArnOutput = "roleArn";
    public const string AccessKeyIdOutput = "accessKeyId";
    public const string SecretAccessKeyOutput = "secretAccessKey";

    public static ImmutableArray<StackOutput> Outputs { get; } =
    [
        new(RoleArnOutput, IsSecret: false),
        new(AccessKeyIdOutput, IsSecret: false),
        new(SecretAccessKeyOutput, IsSecret: true),
    ];

    /// <summary>The full config key, as the Pulumi CLI and <c>PULUMI_CONFIG</c> spell it.</summary>
    public static string FullKey(string key) => $"{ProjectName}:{key}";
}
