namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>A stack output as a report may show it: a secret's value is never carried here at all.</summary>
public sealed record ReportedOutput(string Name, string? Value, bool IsSecret)
{
    public const string SecretPlaceholder = "[secret]";

    public string Display => IsSecret ? SecretPlaceholder : Value ?? string.Empty;

    public static ReportedOutput Of(string name, string? value, bool isSecret) =>
        new(name, isSecret ? null : value, isSecret);
}
