namespace AssumeRolePipeline.Pipeline.Tests.Drift;

/// <summary>
/// One engine event of a refresh, in the terms the Automation adapter passes on: the step's
/// <c>OperationType</c> name, the URN and type, <c>Diffs</c>, the keys of <c>DetailedDiff</c>, and whether an
/// outputs event came without a new state (the resource is gone).
/// </summary>
internal sealed record RefreshEvent(string Op, string Urn, string Type, string[]? Diffs = null, string[]? DetailedDiff = null, bool Gone = false)
{
    public static string UrnOf(string project, string type, string name) => $"urn:pulumi:dev::{project}::{type}::{name}";

    public static RefreshEvent RefreshWithDiff(string project, string type, string name, params string[] paths) =>
        new("Refresh", UrnOf(project, type, name), type, [.. paths.Select(p => p.Split('.', '[')[0]).Distinct()], paths);

    public static RefreshEvent ResultOp(string op, string project, string type, string name, params string[] properties) =>
        new(op, UrnOf(project, type, name), type, properties);

    public static RefreshEvent RefreshGone(string project, string type, string name) =>
        new("Refresh", UrnOf(project, type, name), type, Gone: true);
}
