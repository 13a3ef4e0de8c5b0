using AssumeRolePipeline.Pipeline.Safety.Posture;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>
/// The stage's check job (<c>CheckEnvironments</c>): the environments one run is about to use, read with the workflow's
/// token (<c>actions: read</c>) and held to their posture rules before any job holds a credential.
/// </summary>
public static class StageEnvironmentsCheck
{
    public static async Task<IReadOnlyList<PostureFinding>> CheckAsync(IGitHubRepositorySettings github, IReadOnlyList<PostureTarget> targets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(github);
        ArgumentNullException.ThrowIfNull(targets);
        var repository = await github.GetRepositoryAsync(cancellationToken).ConfigureAwait(false);
        var findings = new List<PostureFinding>();
        foreach (var target in targets)
            findings.AddRange(PostureCheck.Check(target, await github.GetEnvironmentAsync(target.Environment, cancellationToken).ConfigureAwait(false), repository.DefaultBranch));
        return findings;
    }
}
