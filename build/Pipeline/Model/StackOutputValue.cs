namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>A stack output as the Automation API returns it: the plain value, even for secrets.</summary>
public sealed record StackOutputValue(string? Value, bool IsSecret)
{
    // Records print their members; a secret value must never reach a log through an interpolation.
    public override string ToString() => IsSecret ? "[secret]" : Value ?? string.Empty;
}
