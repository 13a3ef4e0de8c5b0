using AssumeRolePipeline.Contracts.Stacks;

namespace AssumeRolePipeline.Pipeline.Publishing.Drift;

/// <summary>
/// The names of the artifacts the drift jobs of a stack upload (one per project) and the pattern its issues job downloads
/// them by: one rule for the stage (through the check job's output <c>drift-artifact</c>) and the generated drift.yml.
/// Artifact names refuse <c>/</c> (<c>org/dev</c>), and a pattern <c>drift-reports-dev-*</c> would also take
/// <c>dev-eu</c>'s: so the stack's name has its <c>/</c> as <c>~</c> and stands between two <c>+</c>, neither of which a
/// stack name holds.
/// </summary>
public static class DriftArtifacts
{
    /// <summary>What every drift artifact of the stack is named with, before <c>+&lt;project&gt;</c>.</summary>
    public static string Prefix(string stack) => $"drift-reports+{new StackName(stack).Value.Replace('/', '~')}";

    /// <summary>The pattern that downloads the stack's drift artifacts and no other stack's.</summary>
    public static string Pattern(string stack) => $"{Prefix(stack)}+*";
}
