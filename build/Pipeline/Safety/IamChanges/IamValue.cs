namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// One principal, action, resource, identity or condition value as a reviewer reads it. Values that the
/// preview does not know yet, or that are secret, are never guessed: they carry <see cref="IsUnknown"/>.
/// </summary>
public sealed record IamValue(string Text, bool IsUnknown)
{
    /// <summary>How a value is shown that is known only after the update.</summary>
    public const string UnknownText = "unknown (known after the update)";

    /// <summary>How a secret value is shown (its value never reaches this model).</summary>
    public const string SecretText = "[secret]";

    public static IamValue Known(string text) => new(text, IsUnknown: false);

    public static IamValue Unknown { get; } = new(UnknownText, IsUnknown: true);

    public static IamValue Secret { get; } = new(SecretText, IsUnknown: true);
}
