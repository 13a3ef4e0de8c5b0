namespace AssumeRolePipeline.Pipeline.Orchestration;

/// <summary>What create-role hands to the unprivileged side: the role to assume and the user's key pair.</summary>
public sealed record UnprivilegedCredentials(string RoleArn, string AccessKeyId, string SecretAccessKey)
{
    // Never let the secret reach a log through string interpolation or a debugger display.
    public override string ToString() => $"{AccessKeyId} for {RoleArn}";
}
