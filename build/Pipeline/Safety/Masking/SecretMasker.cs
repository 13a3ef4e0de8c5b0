using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Safety.Masking;

/// <summary>
/// Replaces every secret the run has learned with <see cref="Mask"/>, in the forms it may be printed in
/// (as is, each line of it, JSON-escaped, URL-encoded, Base64). Everything that reaches a console, a
/// log, a comment or a summary goes through <see cref="Redact"/>; Pulumi's own output included.
/// Besides the secrets it was told of, it masks anything shaped like an AWS secret access key: a key
/// that a failed update created and printed, but never stored, cannot be learned from any state.
/// </summary>
public sealed partial class SecretMasker
{
    public const string Mask = "***";

    // Shorter values are not masked: hiding every "a" or "1" would only garble the log.
    public const int MinimumLength = 4;

    private readonly Action<string>? _onNewSecret;
    private ImmutableArray<string> _forms = [];

    /// <param name="onNewSecret">Told of each new form before it is used, e.g. to write <c>::add-mask::</c>.</param>
    public SecretMasker(Action<string>? onNewSecret = null) => _onNewSecret = onNewSecret;

    public int Count => _forms.Length;

    /// <summary>Registers a secret; call this before anything could print it.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Trim().Length < MinimumLength)
            return;
        foreach (var form in FormsOf(secret))
        {
            if (form.Length < MinimumLength || _forms.Contains(form))
                continue;
            _onNewSecret?.Invoke(form);
            ImmutableInterlocked.Update(ref _forms, forms => forms.Contains(form)
                ? forms
                : forms.Add(form).Sort((a, b) => b.Length.CompareTo(a.Length)));
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        var builder = new StringBuilder(text);
        foreach (var form in _forms) // longest first, so a secret is never half-masked by a part of itself
            builder.Replace(form, Mask);
        return SecretAccessKeyShape().Replace(builder.ToString(), Mask);
    }

    /// <summary>
    /// 40 characters of Base64's alphabet standing alone, with a capital, a small letter and a digit (a Git
    /// commit's 40 lowercase hex digits are not one): how AWS secret access keys look.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
        RegexOptions.CultureInvariant)]
    private static partial Regex SecretAccessKeyShape();

    private static IEnumerable<string> FormsOf(string secret)
    {
        var trimmed = secret.Trim();
        yield return secret;
        yield return trimmed;
        foreach (var line in secret.Split('\n'))
            yield return line.TrimEnd('\r');
        yield return JsonSerializer.Serialize(trimmed)[1..^1];
        yield return Uri.EscapeDataString(trimmed);
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(trimmed));
    }
}
