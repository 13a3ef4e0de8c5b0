using System.Text;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>
/// A radosgw user made by .ci/rgw/start (radosgw-admin: the gateway serves no CreateUser) and its key.
/// Printing it never shows the secret.
/// </summary>
internal sealed record RgwUser(string Uid, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>radosgw's user ARNs have no account id (the user is in the default, empty tenant).</summary>
    public string Arn => $"arn:aws:iam:::user/{Uid}";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Uid = ").Append(Uid)
            .Append(", AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = ***");
        return true;
    }
}
