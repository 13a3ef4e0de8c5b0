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

    /// <summary>
    /// Optional config key: the ARN of a managed policy attached as the permissions boundary of the user and the role
    /// (deploy/iam: the deploy and review roles may create them only with it). Unset: no boundary (a laptop's admin).
    /// </summary>
    public const string PermissionsBoundaryKey = "permissionsBoundary";

    public const string RoleArnOutput = "roleArn";
    public const string AccessKeyIdOutput = "accessKeyId";
    public const string SecretAccessKeyOutput = "secretAccessKey";

    /// <summary>When the exported key was created (the resource's <c>createDate</c>, RFC 3339); not secret.</summary>
    public const string AccessKeyCreatedOutput = "accessKeyCreated";

    /// <summary>
    /// The Pulumi name of the access key resource. Key rotation replaces the resource by its URN, built
    /// from this name: the stack uses the same constant, so the two cannot drift apart.
    /// </summary>
    public const string AccessKeyResourceName = "unprivileged-user-key";

    public const string AccessKeyResourceType = "aws:iam/accessKey:AccessKey";

    public static ImmutableArray<StackOutput> Outputs { get; } =
    [
        new(RoleArnOutput, IsSecret: false),
        new(AccessKeyIdOutput, IsSecret: false),
        new(SecretAccessKeyOutput, IsSecret: true),
        new(AccessKeyCreatedOutput, IsSecret: false),
    ];

    /// <summary>
    /// The access key's URN in <paramref name="stack"/> (what <c>pulumi up --replace</c> takes). A URN carries
    /// only the stack's own name, never its organisation or project qualifier, and no parent type: the key is
    /// a child of the stack itself, which the engine leaves out of the type chain.
    /// </summary>
    public static string AccessKeyUrn(string stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return $"urn:pulumi:{new StackName(stack).Short}::{ProjectName}::{AccessKeyResourceType}::{AccessKeyResourceName}";
    }

    /// <summary>The full config key, as the Pulumi CLI and <c>PULUMI_CONFIG</c> spell it.</summary>
    public static string FullKey(string key) => $"{ProjectName}:{key}";
}
