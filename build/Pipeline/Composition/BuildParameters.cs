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
    public int? MaxKeyAge { get; init; }
    public int? ReviewTimeToLive { get; init; }
    public bool ReviewRecheck { get; init; }

    /// <summary>--allow-iam-broadening: an update whose preview broadens IAM access of a deployed stack runs anyway.</summary>
    public bool AllowIamBroadening { get; init; }
}
