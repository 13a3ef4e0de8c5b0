using System.Text;
using System.Text.Json;

namespace AssumeRolePipeline.Pipeline.Tests.Masking;

/// <summary>The forms a leaked secret can be printed in, as the canary tests look for it.</summary>
internal static class SecretForms
{
    public static string[] Of(string secret) =>
    [
        secret,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
        Uri.EscapeDataString(secret),
        LowercasePercentEncoded(secret),
        JsonSerializer.Serialize(secret)[1..^1],
        JsonWithEscapedSlashes(secret),
        // A console wrapping the secret leaves one part on each line: neither may be left (see Wrapped).
        secret[..WrapAt(secret)],
        secret[WrapAt(secret)..],
    ];

    /// <summary>The secret as a console that wraps at a column inside it prints it: two lines.</summary>
    public static string Wrapped(string secret) => secret[..WrapAt(secret)] + "\n" + secret[WrapAt(secret)..];

    /// <summary><c>%2f</c> rather than <c>%2F</c>: what encoders other than .NET's may print.</summary>
    public static string LowercasePercentEncoded(string secret) =>
        System.Text.RegularExpressions.Regex.Replace(Uri.EscapeDataString(secret), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());

    /// <summary><c>\/</c> for <c>/</c>, as JSON allows and some serialisers write.</summary>
    public static string JsonWithEscapedSlashes(string secret) =>
        JsonSerializer.Serialize(secret)[1..^1].Replace("/", "\\/", StringComparison.Ordinal);

    private static int WrapAt(string secret) => secret.Length / 2;
}
