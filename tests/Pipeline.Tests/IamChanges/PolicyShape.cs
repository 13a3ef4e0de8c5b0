namespace AssumeRolePipeline.Pipeline.Tests.IamChanges;

/// <summary>How a policy input reaches the analyzer: as JSON text, as parsed .NET objects, or as a JsonElement.</summary>
public enum PolicyShape
{
    JsonString,
    Parsed,
    Element,
}
