namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>One step of an operation as its engine event announced it: Pulumi's operation name, the resource, its old and new inputs.</summary>
/// <remarks>The inputs are unmasked (a step's inputs can hold a secret): only what reads IAM policies out of them may use them.</remarks>
public sealed record EngineStep(
    string Operation,
    string Urn,
    string Type,
    IReadOnlyDictionary<string, object>? OldInputs,
    IReadOnlyDictionary<string, object>? NewInputs)
{
    // Records print their members; inputs must never reach a log through an interpolation.
    public override string ToString() => $"{Operation} {Urn}";
}
