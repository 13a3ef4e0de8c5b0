namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>A config value handed to a stack; secret ones are stored encrypted by Pulumi.</summary>
public sealed record StackConfigValue(string Value, bool IsSecret = false)
{
    public override string ToString() => IsSecret ? "[secret]" : Value;
}
