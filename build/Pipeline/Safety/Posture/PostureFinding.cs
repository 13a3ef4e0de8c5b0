using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>
/// One way an environment differs from its posture rule: the environment, the rule's id, the problem and what to do. With
/// <see cref="Accepted"/> it is a risk <c>deploy/stacks.yml</c> accepts: a warning with its reason, not a defect.
/// </summary>
public sealed record PostureFinding(string Environment, string Rule, string Problem, string Remedy, AcceptedRisk? Accepted = null)
{
    /// <summary>The environment does not exist (not a protection defect: the stage may skip an optional stack).</summary>
    public bool IsMissing => Rule == PostureRules.EnvironmentExists;

    public bool IsDefect => Accepted is null;

    /// <summary>One line: <c>aws-prod-privileged: no required reviewers (…); what to do</c>, or the accepted risk with its reason.</summary>
    public string Line => Accepted is null
        ? $"{Environment}: {Problem}; {Remedy}"
        : $"{Environment}: {Problem}, a risk accepted in {StackDeclaration.RelativePath} (accept-risk: {Accepted.Rule}): {Accepted.Reason}";
}
