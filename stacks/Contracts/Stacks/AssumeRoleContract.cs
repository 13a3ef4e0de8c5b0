using System.Collections.Immutable;

namespace AssumeRolePipeline.Contracts.Stacks;

/// <summary>The unprivileged stack: a provider that assumes the role, and an S3 bucket made through it.</summary>
public static class AssumeRoleContract
{
    public const string ProjectName = "assume-role";

    /// <summary>Directory of the Pulumi project, relative to the repository root.</summary>
    public const string ProjectDirectory = "stacks/AssumeRole";

    /// <summary>Config key of the role to assume; the spelling of the original Pulumi example.</summary>
    public const string RoleToAssumeArnKey = "roleToAssumeARN";

    /// <summary>Optional: the external id passed to <c>sts:AssumeRole</c>.</summary>
    public const string ExternalIdKey = "externalId";

    /// <summary>Optional: how long the assumed session lasts, e.g. <c>1h</c> (15m to 12h).</summary>
    public const string SessionDurationKey = "sessionDuration";

    /// <summary>Optional, default false: whether destroy may delete a bucket that still holds objects.</summary>
    public const string BucketForceDestroyKey = "bucketForceDestroy";

    public const string BucketNameOutput = "bucketName";

    /// <summary>What every review stack's bucket name starts with: the review boundary allows S3 on these buckets only.</summary>
    public const string ReviewBucketPrefix = "assume-role-pipeline-pr-";

    /// <summary>
    /// The bucket's name prefix: <c>assume-role-pipeline-pr-&lt;n&gt;-</c> for a review stack (<c>pr-&lt;n&gt;</c>, qualified or
    /// not), so that deploy/iam's review boundary can name its buckets; null (Pulumi's generated name, as before) for
    /// every other stack, whose bucket a new name would replace.
    /// </summary>
    public static string? BucketPrefixFor(string stack) =>
        new StackName(stack).ReviewNumber is { } number ? $"{ReviewBucketPrefix}{number}-" : null;

    public static ImmutableArray<StackOutput> Outputs { get; } = [new(BucketNameOutput, IsSecret: false)];

    /// <summary>The full config key, as the Pulumi CLI and <c>PULUMI_CONFIG</c> spell it.</summary>
    public static string FullKey(string key) => $"{ProjectName}:{key}";
}
