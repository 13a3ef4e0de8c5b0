using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// The environment of the unprivileged stage: the new user's key pair and the region, and every other
/// way AWS tools find credentials removed, so the caller's identity cannot leak into that stage.
/// </summary>
public static class UnprivilegedEnvironment
{
    /// <summary>Every variable through which an AWS SDK or the Pulumi AWS provider picks up an identity.</summary>
    public static ImmutableArray<string> CredentialVariables { get; } =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
    ];

    public static ImmutableDictionary<string, string?> For(UnprivilegedCredentials credentials, string region)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var environment = CredentialVariables.ToImmutableDictionary(name => name, _ => (string?)null)
            .SetItem("AWS_ACCESS_KEY_ID", credentials.AccessKeyId)
            .SetItem("AWS_SECRET_ACCESS_KEY", credentials.SecretAccessKey)
            .SetItem("AWS_REGION", region)
            .SetItem("AWS_DEFAULT_REGION", region)
            // No instance-metadata fallback either: a refused key must fail, not become the machine's role.
            .SetItem("AWS_EC2_METADATA_DISABLED", "true");
        // A profile file would still be read by name: point both at nothing.
        return environment
            .SetItem("AWS_SHARED_CREDENTIALS_FILE", NullDevice)
            .SetItem("AWS_CONFIG_FILE", NullDevice);
    }

    private static string NullDevice => OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
}
