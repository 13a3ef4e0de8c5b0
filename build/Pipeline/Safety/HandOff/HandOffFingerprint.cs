using System.Security.Cryptography;
using System.Text;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Safety.HandOff;

/// <summary>
/// Binds the three handed-off values together: an HMAC-SHA256 of the role ARN and the access key id,
/// keyed with the secret access key, in hex. Written after the other three, it lets every reader tell a
/// complete hand-off from one being (re)written or left over: any mix of old and new values, a role ARN
/// included, no longer matches. Derived from the secret, so it is masked and kept secret like it.
/// </summary>
internal static class HandOffFingerprint
{
    public static string Compute(UnprivilegedCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        // A version and a line break keep the fields apart: neither an ARN nor a key id holds a line break.
        var message = Encoding.UTF8.GetBytes($"v1\n{credentials.RoleArn}\n{credentials.AccessKeyId}");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(credentials.SecretAccessKey), message);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="fingerprint"/> is the one these credentials were handed off with.</summary>
    public static bool Matches(UnprivilegedCredentials credentials, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(credentials)), Encoding.ASCII.GetBytes(fingerprint.ToLowerInvariant()));
    }
}
