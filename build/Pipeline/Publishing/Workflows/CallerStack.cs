namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>
/// One declared stack as the caller workflow templates write it: its name and environments as YAML scalars, its job ids,
/// and its neighbours (the stack declared before it, which a pull request previews first, and the one it is promoted after).
/// </summary>
/// <param name="Name">The stack's name, as the build's --stack and the stage's <c>stack</c> input take it.</param>
/// <param name="Yaml">The name as a YAML scalar (quoted when a plain one would not read back as the name).</param>
internal sealed record CallerStack(
    string Name,
    string Yaml,
    string JobId,
    string IssuesJobId,
    string PrivilegedEnvironment,
    string UnprivilegedEnvironment,
    string PreviewEnvironment,
    CallerStack? Previous,
    CallerStack? PromotedAfter)
{
    public bool IsFirst => Previous is null;
}
