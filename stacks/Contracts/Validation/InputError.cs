namespace AssumeRolePipeline.Contracts.Validation;

/// <summary>One input that breaks its rule: which input, the value given, and the rule in words.</summary>
/// <remarks>Only for values that are not secret: the message repeats the value so the user sees what was wrong.</remarks>
public sealed record InputError(string Input, string? Value, string Rule)
{
    public string Message => string.IsNullOrEmpty(Value)
        ? $"The {Input} is missing: {Rule}."
        : $"The {Input} '{Value}' is invalid: {Rule}.";

    public override string ToString() => Message;
}
