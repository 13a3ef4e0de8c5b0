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
        JsonSerializer.Serialize(secret)[1..^1],
    ];
}
