namespace AssumeRolePipeline.Pipeline.Safety.HandOff;

/// <summary>
/// The environment secrets through which the privileged job hands the unprivileged one its credentials.
/// The workflows map them to environment variables of the same names.
/// </summary>
public static class HandOffSecretNames
{
    public const string RoleArn = "ASSUME_ROLE_ARN";
    public const string AccessKeyId = "UNPRIVILEGED_AWS_ACCESS_KEY_ID";
    public const string SecretAccessKey = "UNPRIVILEGED_AWS_SECRET_ACCESS_KEY";

    /// <summary>Binds the other three (<see cref="HandOffFingerprint"/>): written last, removed first.</summary>
    public const string Fingerprint = "ASSUME_ROLE_HANDOFF_FINGERPRINT";

    /// <summary>In the order they are written: the fingerprint last, so that it marks a complete hand-off.</summary>
    public static IReadOnlyList<string> All { get; } = [RoleArn, SecretAccessKey, AccessKeyId, Fingerprint];
}
