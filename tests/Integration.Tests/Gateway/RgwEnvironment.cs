using System.Text.Json;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>
/// Finds the running gateway through RGW_TEST_CONFIG (the config.json .ci/rgw/start wrote), or says why
/// there is none: start leaves a skip-reason file beside where config.json would be when Ceph cannot run.
/// </summary>
internal static class RgwEnvironment
{
    public const string ConfigVariable = "RGW_TEST_CONFIG";

    /// <summary>Set to <c>true</c> where the security claims must run (GitHub's ci.yml): no gateway is then a failure, not a skip.</summary>
    public const string RequiredVariable = "RGW_REQUIRED";

    private static readonly Lazy<(RgwConfig? Config, string? SkipReason)> Loaded = new(Load);

    /// <summary>The gateway, or null when there is none (then <see cref="SkipReason"/> says why).</summary>
    public static RgwConfig? Config => Loaded.Value.Config;

    public static string? SkipReason => Loaded.Value.SkipReason;

    /// <summary>Skips the calling test, with the reason, when no gateway is running; fails it where the gateway is required.</summary>
    public static RgwConfig Require() =>
        Require(Config, SkipReason, Environment.GetEnvironmentVariable(RequiredVariable) == "true");

    /// <summary>The gateway; without one a skip with the reason, or, where it is required, a failure that says so.</summary>
    public static RgwConfig Require(RgwConfig? config, string? reason, bool required)
    {
        if (config is null && required)
            throw new InvalidOperationException($"radosgw not running, and {RequiredVariable}=true: the security claims must run here, not be skipped ({reason})");
        Skip.If(config is null, $"radosgw not running: {reason}");
        return config!;
    }

    private static (RgwConfig?, string?) Load()
    {
        var path = Environment.GetEnvironmentVariable(ConfigVariable);
        if (string.IsNullOrWhiteSpace(path))
            return (null, $"{ConfigVariable} is not set (.ci/run sets it; or run .ci/rgw/start DIR and point it at DIR/config.json)");

        if (!File.Exists(path))
        {
            var reasonFile = Path.Combine(Path.GetDirectoryName(path) ?? ".", "skip-reason");
            var reason = File.Exists(reasonFile) ? File.ReadAllText(reasonFile).Trim() : $"{path} does not exist";
            return (null, reason);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var users = root.GetProperty("users");
        return (new RgwConfig(
            new Uri(root.GetProperty("endpoint").GetString()!),
            User(users, "admin"),
            User(users, "unprivileged"),
            User(users, "stranger")), null);
    }

    private static RgwUser User(JsonElement users, string name)
    {
        var user = users.GetProperty(name);
        return new RgwUser(
            user.GetProperty("uid").GetString()!,
            user.GetProperty("accessKeyId").GetString()!,
            user.GetProperty("secretAccessKey").GetString()!);
    }
}
