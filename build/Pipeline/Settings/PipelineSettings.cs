using AssumeRolePipeline.Contracts.Stacks;

namespace AssumeRolePipeline.Pipeline.Settings;

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
    public string CreateRoleDirectory => Path.Combine(RepositoryRoot, CreateRoleContract.ProjectDirectory);

    public string AssumeRoleDirectory => Path.Combine(RepositoryRoot, AssumeRoleContract.ProjectDirectory);
}
