using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// Reads an IAM policy document (a JSON string or an already-parsed object) into grants: the policy
/// language, not its text, so a string and a one-element list, <c>"*"</c> and <c>{"AWS": "*"}</c>, an
/// account id and its <c>:root</c> ARN, and any order of statements, lists or conditions read the same.
/// </summary>
internal static partial class PolicyParser
{
    /// <param name="policy">The policy input, as <see cref="InputValues.ToNode"/> gives it.</param>
    /// <param name="holder">Who a statement without <c>Principal</c> applies to: the identity holding the policy.</param>
    /// <param name="where">Names the policy in errors, e.g. <c>the policy of aws:iam/rolePolicy:RolePolicy 'x'</c>.</param>
    public static FacetState Parse(JsonNode? policy, Term holder, string where)
    {
        if (policy is null)
            return FacetState.Absent;
        if (InputValues.IsUnknown(policy))
            return FacetState.Unknown;
        if (InputValues.IsSecret(policy))
            return FacetState.Secret;
        if (InputValues.Text(policy) is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
                return FacetState.Absent;
            try
            {
                policy = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{where} is not JSON: {e.Message}", e);
            }
        }

        if (policy is not JsonObject document || !document.TryGetPropertyValue("Statement", out var statements))
            throw new FormatException($"{where} must be a JSON object with a \"Statement\" (a policy document).");

        var list = statements switch
        {
            JsonArray array => array.ToList(),
            JsonObject single => [single],
            _ => throw new FormatException($"{where} has a \"Statement\" that is neither an object nor a list of objects."),
        };

        var grants = new List<Grant>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"statement {i + 1} of {where}";
            if (list[i] is not JsonObject statement)
                throw new FormatException($"{at} is not a JSON object.");
            if (Statement(statement, holder, at) is not { } statementGrants)
                return FacetState.Unknown;
            grants.AddRange(statementGrants);
        }

        return FacetState.Known(grants);
    }

    /// <returns>The statement's grants; null when its effect is unknown until the update.</returns>
    private static IEnumerable<Grant>? Statement(JsonObject statement, Term holder, string at)
    {
        var effectNode = statement["Effect"];
        if (InputValues.IsUnknown(effectNode))
            return null;
        var effect = InputValues.Text(effectNode) switch
        {
            "Allow" => IamEffect.Allow,
            "Deny" => IamEffect.Deny,
            _ => throw new FormatException($"{at} has Effect {effectNode?.ToJsonString() ?? "(none)"}; it must be \"Allow\" or \"Deny\"."),
        };

        IReadOnlyList<Term> who = statement.TryGetPropertyValue("Principal", out var principal)
            ? Principals(principal, at)
            : statement.TryGetPropertyValue("NotPrincipal", out var notPrincipal)
                ? [Term.Not("principal", Principals(notPrincipal, at))]
                : [holder];

        IReadOnlyList<Term> what = statement.TryGetPropertyValue("Action", out var action)
            ? Strings(action, "Action", at).Select(ActionTerm).ToList()
            : statement.TryGetPropertyValue("NotAction", out var notAction)
                ? [Term.Not("action", Strings(notAction, "NotAction", at).Select(ActionTerm).ToList())]
                : throw new FormatException($"{at} has neither \"Action\" nor \"NotAction\"; every statement needs one.");

        IReadOnlyList<Term> on = statement.TryGetPropertyValue("Resource", out var resource)
            ? Strings(resource, "Resource", at).Select(ResourceTerm).ToList()
            : statement.TryGetPropertyValue("NotResource", out var notResource)
                ? [Term.Not("resource", Strings(notResource, "NotResource", at).Select(ResourceTerm).ToList())]
                : [Term.None];

        var conditions = Conditions(statement["Condition"], at);
        return who.SelectMany(w => what.SelectMany(a => on.Select(r => new Grant(effect, w, a, r, conditions)))).ToList();
    }

    /// <summary>The values of a field that is a string or a list of strings; Pulumi's placeholder stays a value.</summary>
    private static List<string> Strings(JsonNode? node, string field, string at) => node switch
    {
        JsonArray array => array.Select(item => InputValues.Text(item)
            ?? throw new FormatException($"{at} has {item?.ToJsonString() ?? "null"} in \"{field}\"; it must list strings.")).ToList(),
        _ => [InputValues.Text(node)
            ?? throw new FormatException($"{at} has {node?.ToJsonString() ?? "null"} as \"{field}\"; it must be a string or a list of strings.")],
    };

    private static Term Special(string value) => value switch
    {
        InputValues.UnknownSentinel => Term.Unknown,
        IamValue.SecretText => Term.Secret,
        _ => Term.Of(value, value),
    };

    // IAM action names are case-insensitive.
    private static Term ActionTerm(string value) =>
        Special(value) is { Kind: TermKind.Value } term ? term with { Key = value.ToLowerInvariant() } : Special(value);

    private static Term ResourceTerm(string value) => Special(value);

    private static List<Term> Principals(JsonNode? node, string at)
    {
        if (InputValues.Text(node) is { } text)
        {
            return text switch
            {
                "*" => [PrincipalTerm("AWS", "*")],
                InputValues.UnknownSentinel => [Term.Unknown],
                IamValue.SecretText => [Term.Secret],
                _ => throw new FormatException($"{at} has Principal \"{text}\"; it must be \"*\" or an object such as {{\"AWS\": \"arn:...\"}}."),
            };
        }

        if (node is not JsonObject byType)
            throw new FormatException($"{at} has Principal {node?.ToJsonString() ?? "null"}; it must be \"*\" or an object such as {{\"AWS\": \"arn:...\"}}.");
        return byType.SelectMany(entry => Strings(entry.Value, $"Principal.{entry.Key}", at).Select(value => PrincipalTerm(entry.Key, value))).ToList();
    }

    private static Term PrincipalTerm(string type, string value)
    {
        if (Special(value) is { Kind: not TermKind.Value } special)
            return special;
        if (string.Equals(type, "AWS", StringComparison.Ordinal))
        {
            // "123456789012" and "arn:aws:iam::123456789012:root" name the same principal: the account.
            var arn = AccountIdPattern().IsMatch(value) ? $"arn:aws:iam::{value}:root" : value;
            return Term.Of(arn, $"AWS{Term.Separator}{arn}");
        }

        // Service principals are DNS names, which are case-insensitive.
        var key = string.Equals(type, "Service", StringComparison.Ordinal) ? value.ToLowerInvariant() : value;
        return Term.Of($"{type}: {value}", $"{type}{Term.Separator}{key}");
    }

    private static ConditionSet Conditions(JsonNode? node, string at)
    {
        if (node is null)
            return ConditionSet.Empty;
        if (node is not JsonObject operators)
            throw new FormatException($"{at} has Condition {node.ToJsonString()}; it must be an object of operators.");
        var conditions = new List<IamCondition>();
        foreach (var (op, keys) in operators)
        {
            if (keys is not JsonObject byKey)
                throw new FormatException($"{at} has {keys?.ToJsonString() ?? "null"} under Condition \"{op}\"; it must be an object of condition keys.");
            foreach (var (key, values) in byKey)
            {
                var items = values is JsonArray array ? array.ToList() : [values];
                conditions.Add(new(op, key, [.. items.Select(item => ConditionValue(item, op, key, at))]));
            }
        }

        return ConditionSet.Of(conditions);
    }

    private static IamValue ConditionValue(JsonNode? item, string op, string key, string at)
    {
        var kind = item?.GetValueKind();
        return kind switch
        {
            JsonValueKind.String => Special(item!.GetValue<string>()).ToValue(),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number =>
                IamValue.Known(item!.ToJsonString().ToLower(CultureInfo.InvariantCulture)),
            _ => throw new FormatException(
                $"{at} has {item?.ToJsonString() ?? "null"} under Condition \"{op}\" \"{key}\"; condition values are strings, booleans or numbers."),
        };
    }

    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex AccountIdPattern();
}
