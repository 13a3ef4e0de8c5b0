using AssumeRolePipeline.Pipeline.Safety.HandOff;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>The variables and secrets the workflows' jobs read (stage.yml, review-sweep.yml), by name.</summary>
public static class PipelineNames
{
    public const string Region = "AWS_REGION";
    public const string BackendUrl = "PULUMI_BACKEND_URL";
    public const string PrivilegedRoleArn = "AWS_PRIVILEGED_ROLE_ARN";
    public const string PreviewRoleArn = "AWS_PREVIEW_ROLE_ARN";
    public const string PermissionsBoundaryArn = "AWS_PERMISSIONS_BOUNDARY_ARN";

    /// <summary>Writes the unprivileged environment's secrets: only merged code's privileged job may hold it.</summary>
    public const string HandOffToken = "HANDOFF_TOKEN";

    public const string PulumiAccessToken = "PULUMI_ACCESS_TOKEN";
    public const string PulumiPassphrase = "PULUMI_CONFIG_PASSPHRASE";
    public const string PrivilegedAccessKeyId = "AWS_PRIVILEGED_ACCESS_KEY_ID";
    public const string PrivilegedSecretAccessKey = "AWS_PRIVILEGED_SECRET_ACCESS_KEY";

    /// <summary>Every credential a job reads as a secret: none belongs in the repository's secrets, which every same-repository pull request's workflow can read.</summary>
    public static readonly IReadOnlyList<string> Credentials =
    [
        HandOffToken, PulumiAccessToken, PulumiPassphrase, PrivilegedAccessKeyId, PrivilegedSecretAccessKey, .. HandOffSecretNames.All,
    ];

    /// <summary>Long-lived credentials that must not be where unmerged code runs (preview and review environments).</summary>
    public static readonly IReadOnlyList<string> NotForUnmergedCode = [HandOffToken, PrivilegedAccessKeyId, PrivilegedSecretAccessKey];
}
