namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>A stack output as the Automation API returns it: the plain value, even for secrets.</summary>
public sealed record StackOutputValue(string? Value, bool IsSecret)
{
    // Records print their members; a secret value must never reach a log through an interpolation.
    public override string ToString() => IsSecret ? "[secret]" : Value ?? string.Empty;

    /// <summary>
    /// An output as the Automation API gives it (strings, numbers, booleans, dates as parsed from JSON) in the text
    /// every report prints: invariant culture, and a date as ISO 8601 in UTC, never in the machine's culture.
    /// </summary>
    public static StackOutputValue From(object? value, bool isSecret) => new(ValueText.OfOutput(value), isSecret);
}
