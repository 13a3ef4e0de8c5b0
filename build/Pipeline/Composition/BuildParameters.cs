namespace AssumeRolePipeline.Pipeline.Composition;

/// <summary>The build's parameters as NUKE read them (command line, then environment), before any default or check.</summary>
public sealed record BuildParameters
{
    public string? Stack { get; init; }
    public string? Region { get; init; }
    public string? UnprivilegedUser { get; init; }
    public string? Backend { get; init; }
    public int? ReadinessTimeout { get; init; }
    public string? ExternalId { get; init; }
    public string? SessionDuration { get; init; }
    public bool Force { get; init; }
    public bool BucketForceDestroy { get; init; }
    public bool SkipAssumeRolePreview { get; init; }
    public string? UnprivilegedEnvironment { get; init; }
    public string? DriftReports { get; init; }
    /// <summary>--max-key-age as given: <see cref="Operations.Rotation.MaxKeyAge.FromParameter"/> checks it (empty: rotate now).</summary>
    public string? MaxKeyAge { get; init; }
    public int? ReviewTimeToLive { get; init; }
    public bool ReviewRecheck { get; init; }

    /// <summary>--allow-iam-broadening: an update whose preview broadens IAM access of a deployed stack runs anyway.</summary>
    public bool AllowIamBroadening { get; init; }

    /// <summary>SetUp: print what would be created or changed on AWS and GitHub, and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>SetUp, CheckSetUp: the GitHub repository, OWNER/REPO. Default: GITHUB_REPOSITORY.</summary>
    public string? Repository { get; init; }

    /// <summary>CheckEnvironments: the stage's operation (preview, up, destroy, drift, refresh, remediate, rotate).</summary>
    public string? Operation { get; init; }

    /// <summary>CheckEnvironments: the run is merged code (the stage's check decides it).</summary>
    public bool Trusted { get; init; }

    /// <summary>CheckEnvironments: a stack whose environments do not exist is skipped with a notice instead of failing.</summary>
    public bool Optional { get; init; }

    /// <summary>CheckEnvironments: the run is a pull request's review stack.</summary>
    public bool Review { get; init; }
}
