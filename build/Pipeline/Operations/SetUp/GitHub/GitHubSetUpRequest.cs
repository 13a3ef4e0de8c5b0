using AssumeRolePipeline.Pipeline.Safety.Posture;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>What the GitHub half of <c>SetUp</c> makes, all of it checked before any call.</summary>
/// <param name="Targets">Every declared environment with its posture rule (<see cref="PostureTargets.All"/>).</param>
/// <param name="ReviewLabel">The review stacks' label; null without a <c>review:</c> section.</param>
/// <param name="Region">The repository variable AWS_REGION.</param>
/// <param name="BackendUrl">The repository variable PULUMI_BACKEND_URL; null leaves it as it is.</param>
public sealed record GitHubSetUpRequest(
    IReadOnlyList<PostureTarget> Targets,
    string? ReviewLabel,
    string Region,
    string? BackendUrl);
