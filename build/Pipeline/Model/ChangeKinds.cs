namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>Maps Pulumi's step operations (by name, so this needs no Pulumi reference) to <see cref="ChangeKind"/>.</summary>
public static class ChangeKinds
{
    /// <summary>
    /// The bucket for a Pulumi <c>OperationType</c> name, or null for steps that are part of another
    /// change (the create and delete halves of a replacement) or change nothing in the cloud (reads, refreshes).
    /// </summary>
    public static ChangeKind? FromPulumiOperation(string operation) => operation switch
    {
        "Same" => ChangeKind.Same,
        "Create" or "Import" => ChangeKind.Create,
        "Update" => ChangeKind.Update,
        "Replace" or "ImportReplacement" => ChangeKind.Replace,
        "Delete" => ChangeKind.Delete,
        _ => null,
    };
}
