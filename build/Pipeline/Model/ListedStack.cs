namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>One stack of a project as the state backend lists it (<c>pulumi stack ls</c>), without reading its state.</summary>
/// <param name="Name">As the backend names it: plain on a self-managed backend, <c>org/name</c> on Pulumi Cloud.</param>
/// <param name="LastUpdate">When its last operation ran; null when it never ran one.</param>
/// <param name="ResourceCount">Resources in its state; null when the backend does not say.</param>
/// <param name="UpdateInProgress">An operation holds the stack right now.</param>
public sealed record ListedStack(string Name, DateTimeOffset? LastUpdate, int? ResourceCount, bool UpdateInProgress = false);
