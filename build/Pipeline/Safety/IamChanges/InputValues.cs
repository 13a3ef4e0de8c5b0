using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// Turns the input values of an engine event, whatever .NET shape they arrive in, into JSON nodes, so the
/// rest reads one shape. Secret values are replaced by <see cref="IamValue.SecretText"/> here, before anything
/// could show them.
/// </summary>
internal static class InputValues
{
    /// <summary>Pulumi's placeholder for a value known only after the update.</summary>
    public const string UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    // Pulumi's wire form of a secret: {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": ...}.
    private const string SignatureKey = "4dabf18193072939515e22adb298388d";
    private const string SecretSignature = "1b47061264138c4ac30d75fd1eb44270";

    /// <summary>The input <paramref name="name"/> as JSON; null when absent or null.</summary>
    public static JsonNode? Field(IReadOnlyDictionary<string, object?>? inputs, string name) =>
        inputs is not null && inputs.TryGetValue(name, out var value) ? ToNode(value) : null;

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => FromElement(element),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int or long or short or byte or uint or ulong or ushort or sbyte => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double number => JsonValue.Create(number),
        float number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        IEnumerable<KeyValuePair<string, object?>> pairs => FromPairs(pairs.Select(p => (p.Key, p.Value))),
        IDictionary dictionary => FromPairs(dictionary.Keys.Cast<object>().Select(key => (Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty, dictionary[key]))),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToNode)]),
        _ => throw new FormatException(
            $"An input value of type {value.GetType().FullName} is not one an engine event carries " +
            "(expected a string, bool, number, JsonElement, dictionary or list)."),
    };

    /// <summary>The text of a string value; null for any other kind of node.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool IsUnknown(JsonNode? node) => string.Equals(Text(node), UnknownSentinel, StringComparison.Ordinal);

    public static bool IsSecret(JsonNode? node) => string.Equals(Text(node), IamValue.SecretText, StringComparison.Ordinal);

    private static JsonNode? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object => FromPairs(element.EnumerateObject().Select(p => (p.Name, (object?)p.Value))),
        _ => JsonNode.Parse(element.GetRawText()),
    };

    private static JsonNode FromPairs(IEnumerable<(string Key, object? Value)> pairs)
    {
        var list = pairs.ToList();
        if (list.Any(p => p.Key == SignatureKey && string.Equals(Text(ToNode(p.Value)), SecretSignature, StringComparison.Ordinal)))
            return JsonValue.Create(IamValue.SecretText);
        var result = new JsonObject();
        foreach (var (key, value) in list)
            result[key] = ToNode(value);
        return result;
    }
}
