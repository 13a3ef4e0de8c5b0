using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// Turns the user's inputs into <see cref="PipelineSettings"/>: applies the defaults and checks every
/// value, so that a bad one stops the run with one clear message before Pulumi or AWS is called.
/// </summary>
public sealed class SettingsResolver
{
    public const string DefaultStack = "dev";
    public const string UserNamePrefix = "assume-role-pipeline-";
    public const string LocalStateDirectory = ".pulumi-state";
    public static readonly TimeSpan DefaultReadinessTimeout = TimeSpan.FromMinutes(2);

    private const string CiNeedsLastingState =
        "on a CI server the state must outlive the runner, so no local file:// backend: set PULUMI_ACCESS_TOKEN for " +
        "Pulumi Cloud, or PULUMI_BACKEND_URL (azblob://…, gs://…) with PULUMI_CONFIG_PASSPHRASE";

    private readonly Func<string, string?> _environment;

    /// <param name="environment">Reads a process environment variable (injected so tests need no globals).</param>
    public SettingsResolver(Func<string, string?> environment) => _environment = environment;

    /// <param name="isServerBuild">True on a CI server, where a local state backend would vanish with the runner.</param>
    public PipelineSettings Resolve(PipelineInputs inputs, string repositoryRoot, bool isServerBuild)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var stack = InputRules.Require(Blank(inputs.Stack) ?? DefaultStack, v => InputRules.StackName(v, "stack name (--stack)"));
        var region = InputRules.Require(
            Blank(inputs.Region) ?? Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION"),
            v => InputRules.Region(v, "AWS region (--region, AWS_REGION or AWS_DEFAULT_REGION)"));
        var user = InputRules.Require(
            Blank(inputs.UnprivilegedUser) ?? DefaultUserName(stack),
            v => InputRules.IamUserName(v, "unprivileged user name (--unprivileged-user)"));
        var timeout = inputs.ReadinessTimeoutSeconds switch
        {
            null => DefaultReadinessTimeout,
            >= 5 and <= 900 and var seconds => TimeSpan.FromSeconds(seconds),
            var seconds => throw new InvalidInputException(new InputError(
                "readiness timeout (--readiness-timeout)", $"{seconds}", "a number of seconds from 5 to 900")),
        };
        var externalId = Blank(inputs.ExternalId) is { } id ? InputRules.Require(id, v => InputRules.ExternalId(v, "external id (--external-id)")) : null;
        var duration = Blank(inputs.SessionDuration) is { } d ? InputRules.Require(d, v => InputRules.SessionDuration(v, "session duration (--session-duration)")) : null;

        // deploy/iam's roles create the user and the role only with the boundary: its ARN comes from the environment's variable.
        var boundary = Env("AWS_PERMISSIONS_BOUNDARY_ARN") is { } arn
            ? InputRules.Require(arn, v => InputRules.PolicyArn(v, "permissions boundary (AWS_PERMISSIONS_BOUNDARY_ARN)"))
            : null;

        return new PipelineSettings(repositoryRoot, stack, region, user, Backend(inputs.Backend, repositoryRoot, isServerBuild),
            timeout, externalId, duration) { PermissionsBoundary = boundary };
    }

    /// <summary><c>assume-role-pipeline-&lt;stack&gt;</c>: one user per stack, recognisable in the IAM console.</summary>
    public static string DefaultUserName(string stack)
    {
        var name = UserNamePrefix + new StackName(stack).Short;
        return name.Length <= InputRules.MaxIamNameLength ? name : name[..InputRules.MaxIamNameLength];
    }

    private StateBackend Backend(string? given, string repositoryRoot, bool isServerBuild)
    {
        const string input = "state backend (--backend or PULUMI_BACKEND_URL)";
        var url = Blank(given) ?? Env("PULUMI_BACKEND_URL");
        if (url is null && Env("PULUMI_ACCESS_TOKEN") is not null)
            url = StateBackend.PulumiCloudUrl;

        if (url is null)
        {
            if (isServerBuild)
                throw new InvalidInputException(new InputError("state backend", null, CiNeedsLastingState));

            // Built by Uri, not by concatenation: a '#', '?', '%' or space in the path stays part of it.
            var directory = Path.GetFullPath(Path.Combine(repositoryRoot, LocalStateDirectory));
            var local = new StateBackend(new Uri(directory).AbsoluteUri, IsLocalDefault: true, ImmutableDictionary<string, string?>.Empty);
            return local with { Environment = BackendEnvironment(local.Url).AddRange(LocalPassphrase()) };
        }

        // Messages show the URL without user info, query or fragment: those may hold credentials.
        var shown = StateBackend.Redact(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("file" or "s3" or "gs" or "azblob" or "https" or "http"))
        {
            throw new InvalidInputException(new InputError(input, shown,
                "a URL: file://<dir>, s3://<bucket>, gs://<bucket>, azblob://<container> or https://<Pulumi Cloud>"));
        }

        if (uri.Scheme == "http")
        {
            throw new InvalidInputException(new InputError(input, shown,
                "https:// for a Pulumi Cloud or self-hosted service: over http:// its access token would travel in clear"));
        }

        if (uri.Scheme == "file" && isServerBuild)
            throw new InvalidInputException(new InputError(input, shown, CiNeedsLastingState));

        if (uri.Scheme == "s3")
        {
            // The CLI reads an s3:// backend with each stage's own AWS identity, and the unprivileged
            // user may not touch S3 itself: assume-role could never read or write its state.
            throw new InvalidInputException(new InputError(input, shown,
                "both identities must reach the state, and the unprivileged user has no S3 access of its own; use Pulumi Cloud " +
                "(PULUMI_ACCESS_TOKEN), file://, gs:// or azblob://"));
        }

        var backend = new StateBackend(url, IsLocalDefault: false, BackendEnvironment(url));
        if (backend.IsSelfManaged && Env("PULUMI_CONFIG_PASSPHRASE") is null && Env("PULUMI_CONFIG_PASSPHRASE_FILE") is null)
        {
            throw new InvalidInputException(new InputError("passphrase", null,
                $"the self-managed backend {shown} encrypts secrets with a passphrase; set PULUMI_CONFIG_PASSPHRASE " +
                "or PULUMI_CONFIG_PASSPHRASE_FILE (without one the Pulumi CLI would wait for a prompt)"));
        }

        return backend;
    }

    private static ImmutableDictionary<string, string?> BackendEnvironment(string url) =>
        ImmutableDictionary<string, string?>.Empty.Add("PULUMI_BACKEND_URL", url);

    /// <summary>
    /// The local default backend still encrypts secrets. Its passphrase lives in the user's home, not
    /// in the work tree, unless the user gave one.
    /// </summary>
    private ImmutableDictionary<string, string?> LocalPassphrase()
    {
        if (Env("PULUMI_CONFIG_PASSPHRASE") is not null || Env("PULUMI_CONFIG_PASSPHRASE_FILE") is not null)
            return ImmutableDictionary<string, string?>.Empty;
        var home = Env("HOME") ?? Env("USERPROFILE") ?? throw new InvalidInputException(new InputError(
            "home directory", null, "HOME (or USERPROFILE) must be set to keep the local state's passphrase, or set PULUMI_CONFIG_PASSPHRASE"));
        return ImmutableDictionary<string, string?>.Empty.Add(
            "PULUMI_CONFIG_PASSPHRASE_FILE", Path.Combine(home, ".config", "assume-role-pipeline", "local-state.passphrase"));
    }

    private string? Env(string name) => Blank(_environment(name));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
