namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>What kind of access a changed IAM declaration governs.</summary>
public enum IamPolicyKind
{
    /// <summary>A role's trust policy: who may assume the role.</summary>
    Trust,

    /// <summary>An identity policy (inline or managed): what its holder may do.</summary>
    Permissions,

    /// <summary>An S3 bucket policy: who may do what on the bucket.</summary>
    BucketPolicy,

    /// <summary>A managed policy attached to a role, user or group.</summary>
    Attachment,

    /// <summary>A user's membership of a group.</summary>
    Membership,

    /// <summary>An exclusive declaration: the only inline policies or attachments an identity may keep.</summary>
    ExclusiveList,
}
