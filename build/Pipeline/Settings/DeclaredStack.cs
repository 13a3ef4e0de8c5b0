namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// One stack of the declaration: its name and the three GitHub environments its jobs run in, none shared
/// with another stack. <paramref name="PromoteAfter"/> names the stack whose deployment must succeed first
/// (null for a stack deployed first). A review stack (<c>pr-&lt;number&gt;</c>) has the review stacks' environments
/// and no preview environment: it is deployed from its pull request, never previewed.
/// </summary>
public sealed record DeclaredStack(
    string Name,
    string PrivilegedEnvironment,
    string UnprivilegedEnvironment,
    string? PreviewEnvironment,
    string? PromoteAfter);
