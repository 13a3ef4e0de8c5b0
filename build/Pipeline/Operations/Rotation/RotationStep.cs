namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary>The steps of a key rotation, in order: where a rotation that failed half-way stopped.</summary>
public enum RotationStep
{
    /// <summary>create-role updated with the access key replaced (the privileged side).</summary>
    Replace,

    /// <summary>The wait until IAM accepts the new key and lets it assume the role.</summary>
    Readiness,

    /// <summary>The least-privilege proof with the new key.</summary>
    Verify,

    /// <summary>A preview of assume-role with the new key.</summary>
    Preview,
}
