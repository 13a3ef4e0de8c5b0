using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Safety.Masking;

/// <summary>
/// Replaces every secret the run has learned with <see cref="Mask"/>, in the forms it may be printed in
/// (as is, each line of it, JSON-escaped with or without <c>\/</c>, URL-encoded with capital or small hex
/// digits, Base64), and the parts of one a console wrapped across lines. Everything that reaches a console, a
/// log, a comment or a summary goes through <see cref="Redact"/>; Pulumi's own output included.
/// Besides the secrets it was told of, it masks anything shaped like an AWS secret access key: a key
/// that a failed update created and printed, but never stored, cannot be learned from any state.
/// </summary>
public sealed partial class SecretMasker
{
    public const string Mask = "***";

    // Shorter values are not masked: hiding every "a" or "1" would only garble the log.
    public const int MinimumLength = 4;

    /// <summary>The shortest part of a secret masked at a line break (see <see cref="MaskWrappedParts"/>).</summary>
    public const int MinimumWrappedPart = 8;

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
        var forms = _forms;
        foreach (var form in forms) // longest first, so a secret is never half-masked by a part of itself
            builder.Replace(form, Mask);
        return SecretAccessKeyShape().Replace(MaskWrappedParts(builder.ToString(), forms), Mask);
    }

    /// <summary>
    /// A console that wraps at N columns prints a secret as parts on two or more lines, and then no whole form
    /// is in the text. Registering every split of every form would multiply the forms by their length, and the
    /// runner's <c>::add-mask::</c> of each; instead, at each line break (and at the text's ends: Pulumi's output
    /// comes one line per call), a line's end that begins a form, a line's start that ends one, and a whole line
    /// inside one are masked, spaces around them aside. Only parts of <see cref="MinimumWrappedPart"/> characters
    /// or more: a shorter one matches ordinary text too often, gives little of a secret away (at most 7 of a
    /// 40-character key, the rest masked on the other line), and no console is that narrow. A key never
    /// registered (<see cref="SecretAccessKeyShape"/>) is not recognised once wrapped: its parts have no shape.
    /// </summary>
    private static string MaskWrappedParts(string text, ImmutableArray<string> forms)
    {
        if (forms.IsEmpty)
            return text;
        var lines = text.Split('\n');
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var masked = MaskLineParts(lines[i], forms);
            changed |= !ReferenceEquals(masked, lines[i]);
            lines[i] = masked;
        }

        return changed ? string.Join('\n', lines) : text;
    }

    /// <returns><paramref name="line"/> itself when no part of a form is at its start or end.</returns>
    private static string MaskLineParts(string line, ImmutableArray<string> forms)
    {
        var start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
            start++;
        var end = line.Length;
        while (end > start && char.IsWhiteSpace(line[end - 1]))
            end--;
        var content = line.AsSpan(start, end - start);
        if (content.Length < MinimumWrappedPart)
            return line;

        int head = 0, tail = 0; // characters at the line's start that end a form, at its end that begin one
        foreach (var form in forms)
        {
            if (form.Length <= MinimumWrappedPart)
                continue;
            var longest = Math.Min(form.Length - 1, content.Length);
            if (content.Length < form.Length && form.AsSpan().IndexOf(content, StringComparison.Ordinal) >= 0)
                return line[..start] + Mask + line[end..];
            for (var k = longest; k > head && k >= MinimumWrappedPart; k--)
            {
                if (content.StartsWith(form.AsSpan(form.Length - k), StringComparison.Ordinal))
                {
                    head = k;
                    break;
                }
            }

            for (var k = longest; k > tail && k >= MinimumWrappedPart; k--)
            {
                if (content.EndsWith(form.AsSpan(0, k), StringComparison.Ordinal))
                {
                    tail = k;
                    break;
                }
            }
        }

        if (head == 0 && tail == 0)
            return line;
        if (head + tail >= content.Length)
            return line[..start] + Mask + line[end..];
        return line[..start] + (head > 0 ? Mask : "") + content[head..^tail].ToString() + (tail > 0 ? Mask : "") + line[end..];
    }

    /// <summary>
    /// 40 characters of Base64's alphabet standing alone, with a capital, a small letter and a digit (a Git
    /// commit's 40 lowercase hex digits are not one): how AWS secret access keys look. An <c>=</c> may follow
    /// (<c>key=VALUE=</c>, or a padded value): 40 characters and a pad are no Base64 of anything longer.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])",
        RegexOptions.CultureInvariant)]
    private static partial Regex SecretAccessKeyShape();

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex("%[0-9A-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentEscape();

    private static IEnumerable<string> FormsOf(string secret)
    {
        var trimmed = secret.Trim();
        yield return secret;
        yield return trimmed;
        foreach (var line in secret.Split('\n'))
            yield return line.TrimEnd('\r');
        // JSON allows "\/" for "/", and some serialisers write it; .NET's default escapes "+" as \u002B, others do not.
        foreach (var json in new[] { JsonSerializer.Serialize(trimmed), JsonSerializer.Serialize(trimmed, RelaxedJson) })
        {
            yield return json[1..^1];
            yield return json[1..^1].Replace("/", "\\/", StringComparison.Ordinal);
        }

        // .NET writes %2F; other encoders (and RFC 3986, which calls both equivalent) may write %2f.
        var encoded = Uri.EscapeDataString(trimmed);
        yield return encoded;
        yield return PercentEscape().Replace(encoded, m => m.Value.ToLowerInvariant());
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(trimmed));
    }
}
