using System.Text;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// What create-role hands to the unprivileged side: the role to assume and the keys of the only user
/// allowed to. Printing it (ToString, a debugger, string interpolation) never shows the secret.
/// </summary>
public sealed record UnprivilegedCredentials(string RoleArn, string AccessKeyId, string SecretAccessKey)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RoleArn = ").Append(RoleArn)
            .Append(", AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = ***");
        return true;
    }
}
