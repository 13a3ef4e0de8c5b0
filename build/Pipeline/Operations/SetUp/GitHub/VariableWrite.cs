using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>One variable to create or update: of an environment, or of the repository when <paramref name="Environment"/> is null.</summary>
/// <param name="Exists">It exists with another value: PATCH, not POST.</param>
public sealed record VariableWrite(string? Environment, string Name, string Value, bool Exists)
{
    // A backend URL is shown without user info, query or fragment, which may hold credentials; the rest are ARNs and a region.
    public override string ToString() =>
        $"{(Environment is null ? "repository" : Environment)}: {(Exists ? "update" : "set")} variable {Name} = " +
        (Name == PipelineNames.BackendUrl ? StateBackend.Redact(Value) : Value);
}
