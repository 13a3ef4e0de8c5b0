using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>One condition of a statement: <c>"Condition": { Operator: { Key: Values } }</c>.</summary>
public sealed record IamCondition(string Operator, string Key, ImmutableArray<IamValue> Values);
