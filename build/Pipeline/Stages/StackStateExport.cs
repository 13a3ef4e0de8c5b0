using System.Collections.Immutable;
using System.Text.Json;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// Reads a stack's state out of <c>pulumi stack export --show-secrets</c>: its outputs (from the stack
/// resource) and every secret value anywhere in it. A failed update can leave a new secret in a resource's
/// state without ever exporting it (the key was created, a later resource failed): it must be known, and
/// masked, before any of that update's output is shown.
/// </summary>
public static class StackStateExport
{
    // How Pulumi marks a secret in a serialized state; with --show-secrets its value is JSON in "plaintext".
    private const string SignatureKey = "4dabf18193072939515e22adb298388d";
    private const string SecretSignature = "1b47061264138c4ac30d75fd1eb44270";
    private const string StackType = "pulumi:pulumi:Stack";

    /// <summary>The state of an existing stack from its export (<c>{"version":3,"deployment":{...}}</c>).</summary>
    public static StackState Read(string exportJson)
    {
        ArgumentNullException.ThrowIfNull(exportJson);
        using var document = JsonDocument.Parse(exportJson);
        var resources = document.RootElement.TryGetProperty("deployment", out var deployment) &&
                        deployment.ValueKind == JsonValueKind.Object &&
                        deployment.TryGetProperty("resources", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList()
            : [];

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
            CollectSecrets(resource, secrets);

        var outputs = ImmutableDictionary<string, StackOutputValue>.Empty;
        var stack = resources.FirstOrDefault(r => r.TryGetProperty("type", out var type) && type.ValueEquals(StackType));
        if (stack.ValueKind == JsonValueKind.Object && stack.TryGetProperty("outputs", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            outputs = values.EnumerateObject().ToImmutableDictionary(
                o => o.Name,
                o => IsSecret(o.Value, out var plaintext) ? new StackOutputValue(Text(plaintext), true) : new StackOutputValue(Text(o.Value), false));
        }

        return new StackState(true, resources.Count, outputs) { Secrets = [.. secrets.Order(StringComparer.Ordinal)] };
    }

    private static void CollectSecrets(JsonElement element, HashSet<string> secrets)
    {
        if (IsSecret(element, out var plaintext))
        {
            if (plaintext.ValueKind == JsonValueKind.String)
                secrets.Add(plaintext.GetString()!);
            else
                secrets.Add(plaintext.GetRawText());
            CollectStrings(plaintext, secrets);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    CollectSecrets(property.Value, secrets);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    CollectSecrets(item, secrets);
                break;
        }
    }

    /// <summary>Every string inside a secret value: a secret object's parts are secret too.</summary>
    private static void CollectStrings(JsonElement element, HashSet<string> secrets)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                secrets.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    CollectStrings(property.Value, secrets);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    CollectStrings(item, secrets);
                break;
        }
    }

    private static bool IsSecret(JsonElement element, out JsonElement plaintext)
    {
        plaintext = default;
        if (element.ValueKind != JsonValueKind.Object ||
            !element.TryGetProperty(SignatureKey, out var signature) || !signature.ValueEquals(SecretSignature))
            return false;
        if (element.TryGetProperty("plaintext", out var text) && text.ValueKind == JsonValueKind.String)
        {
            // The plaintext is itself JSON ("\"value\""); a value that is not JSON is taken as it is.
            try
            {
                using var inner = JsonDocument.Parse(text.GetString()!);
                plaintext = inner.RootElement.Clone();
            }
            catch (JsonException)
            {
                plaintext = text.Clone();
            }
        }
        else if (element.TryGetProperty("value", out var value))
        {
            plaintext = value.Clone();
        }

        return true;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
