using AssumeRolePipeline.Pipeline.Safety.Posture;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>What <c>SetUp</c> does to one environment: nothing is written for an empty plan.</summary>
/// <param name="Observed">The environment as it is; null when it is to be created.</param>
/// <param name="Protection">The PUT body when the environment is to be created or its protection changed; else null.</param>
/// <param name="Widenings">What the change would open up; refused without --force.</param>
public sealed record EnvironmentPlan(
    PostureTarget Target,
    ObservedEnvironment? Observed,
    EnvironmentProtection? Protection,
    IReadOnlyList<string> BranchPoliciesToAdd,
    IReadOnlyList<BranchPolicy> BranchPoliciesToDelete,
    IReadOnlyList<string> Widenings)
{
    public string Environment => Target.Environment;
}
