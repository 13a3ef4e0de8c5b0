using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>
/// AWS Signature Version 4 for a request without a query string, as IAM's query API takes it (a form POST to <c>/</c>).
/// The canonical request is built here; the string to sign, the signing key and the signature are AWSSDK.Core's own
/// (<see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>, public and
/// static), since AWSSDK.IdentityManagement, which would do all of it, is not served here. Tested against AWS's published
/// SigV4 test suite.
/// </summary>
public static partial class SigV4
{
    public const string DateHeader = "X-Amz-Date";
    public const string TokenHeader = "X-Amz-Security-Token";

    /// <summary>
    /// The headers to send, the Authorization header last: the given ones, <c>X-Amz-Date</c>, and for temporary credentials
    /// <c>X-Amz-Security-Token</c> (signed, as STS-issued sessions need). <paramref name="headers"/> must hold <c>Host</c>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(
        string method, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body, ImmutableCredentials credentials,
        string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(credentials);
        var signedAt = now.UtcDateTime;
        var all = new List<KeyValuePair<string, string>>(headers)
        {
            new(DateHeader, signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)),
        };
        if (credentials.UseToken)
            all.Add(new(TokenHeader, credentials.Token));
        var (canonical, signedHeaders) = CanonicalRequest(method, all, body);
        var signature = AWS4Signer.ComputeSignature(credentials, region, signedAt, service, signedHeaders, canonical);
        all.Add(new("Authorization", signature.ForAuthorizationHeader));
        return all;
    }

    /// <summary>The canonical request (path <c>/</c>, no query) and its signed headers' names.</summary>
    public static (string CanonicalRequest, string SignedHeaders) CanonicalRequest(
        string method, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        var canonical = headers
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => Spaces().Replace(h.Value.Trim(), " ")))))
            .ToList();
        var signedHeaders = string.Join(';', canonical.Select(h => h.Name));
        var builder = new StringBuilder()
            .Append(method).Append('\n')
            .Append("/\n")
            .Append('\n');
        foreach (var (name, value) in canonical)
            builder.Append(name).Append(':').Append(value).Append('\n');
        builder.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));
        return (builder.ToString(), signedHeaders);
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
