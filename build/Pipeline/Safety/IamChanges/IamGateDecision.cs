namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>What the local gate decided about one stack's preview.</summary>
/// <param name="RequiresAllowFlag">The run must stop unless <c>--allow-iam-broadening</c> was given.</param>
/// <param name="Message">One line naming what broadens and how to go on; null when nothing does.</param>
public sealed record IamGateDecision(bool RequiresAllowFlag, string? Message);
