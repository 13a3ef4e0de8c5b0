using AssumeRolePipeline.Contracts.Stacks;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>The checked settings of one run: every value valid, every default applied.</summary>
public sealed record PipelineSettings(
    string RepositoryRoot,
    string Stack,
    string Region,
    string UnprivilegedUserName,
    StateBackend Backend,
    TimeSpan ReadinessTimeout,
    string? ExternalId = null,
    string? SessionDuration = null)
{
    /// <summary>The message every operation of the run carries (see <c>UpdateMessage</c>); none when null.</summary>
    public string? UpdateMessage { get; init; }

    /// <summary>Whether destroy may delete assume-role's bucket while it still holds objects.</summary>
    public bool BucketForceDestroy { get; init; }

    /// <summary>The managed policy create-role attaches as the user's and the role's permissions boundary; none when null.</summary>
    public string? PermissionsBoundary { get; init; }

    public string CreateRoleDirectory => Path.Combine(RepositoryRoot, CreateRoleContract.ProjectDirectory);

    public string AssumeRoleDirectory => Path.Combine(RepositoryRoot, AssumeRoleContract.ProjectDirectory);
}
