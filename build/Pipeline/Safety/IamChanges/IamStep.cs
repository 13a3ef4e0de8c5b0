namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// One step of a preview or an update, as the engine reports it (<c>StepEventMetadata</c>), reduced to what
/// an IAM review needs. The inputs are the step's <c>Old.Inputs</c>/<c>New.Inputs</c> as they arrive: values
/// may be strings, booleans, numbers, <see cref="System.Text.Json.JsonElement"/>s, nested dictionaries or lists.
/// </summary>
/// <param name="Urn">The resource's URN; its name is the last <c>::</c> segment.</param>
/// <param name="Type">The Pulumi type token, e.g. <c>aws:iam/role:Role</c>.</param>
/// <param name="Operation">The name of Pulumi's <c>OperationType</c>: <c>Create</c>, <c>Update</c>, <c>Delete</c>, ...</param>
/// <param name="OldInputs">The inputs before the step; null when the resource did not exist.</param>
/// <param name="NewInputs">The inputs after the step; null when the step deletes the resource.</param>
public sealed record IamStep(
    string Urn,
    string Type,
    string Operation,
    IReadOnlyDictionary<string, object?>? OldInputs,
    IReadOnlyDictionary<string, object?>? NewInputs);
