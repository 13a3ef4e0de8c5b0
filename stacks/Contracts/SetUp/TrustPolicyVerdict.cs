using System.Text.Json;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>
/// Every way a role's trust policy trusts more than one GitHub environment's OIDC subject: other principals, other
/// actions, a subject matched by a pattern or not at all, a missing or other audience, <c>NotPrincipal</c> and
/// <c>NotAction</c>. Each way is one line; none means the role trusts exactly that subject (through GitHub's provider, for
/// <c>sts:AssumeRoleWithWebIdentity</c>, with GitHub's audience). Deny statements only narrow, so they are not read.
/// </summary>
public static class TrustPolicyVerdict
{
    public const string WebIdentityAction = "sts:AssumeRoleWithWebIdentity";
    public const string SubjectKey = SetUpContract.OidcHost + ":sub";
    public const string AudienceKey = SetUpContract.OidcHost + ":aud";

    /// <summary>The verdict on a trust policy as IAM's GetRole returns it: URL-encoded (RFC 3986).</summary>
    public static IReadOnlyList<string> OfEncoded(string encodedDocument, string expectedSubject, string providerArn)
    {
        ArgumentNullException.ThrowIfNull(encodedDocument);
        return Of(Uri.UnescapeDataString(encodedDocument), expectedSubject, providerArn);
    }

    /// <param name="document">The trust policy's JSON.</param>
    /// <param name="expectedSubject"><c>repo:OWNER/REPO:environment:NAME</c> (<see cref="SetUpNames.Subject"/>).</param>
    /// <param name="providerArn">GitHub's OIDC provider in the role's account (<see cref="SetUpNames.OidcProviderArn"/>).</param>
    public static IReadOnlyList<string> Of(string document, string expectedSubject, string providerArn)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(expectedSubject);
        ArgumentException.ThrowIfNullOrEmpty(providerArn);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document);
        }
        catch (JsonException)
        {
            return ["its trust policy is not JSON, so what it trusts cannot be told"];
        }

        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object ||
                !TryGet(parsed.RootElement, "Statement", out var statements))
            {
                return ["its trust policy has no Statement, so what it trusts cannot be told"];
            }

            var list = statements.ValueKind == JsonValueKind.Array ? [.. statements.EnumerateArray()] : new[] { statements };
            var defects = new List<string>();
            var trustsExpected = false;
            for (var i = 0; i < list.Length; i++)
            {
                var statement = list[i];
                if (statement.ValueKind != JsonValueKind.Object)
                {
                    defects.Add($"statement {i + 1} is not an object, so what it allows cannot be told");
                    continue;
                }

                if (!TryGet(statement, "Effect", out var effect) || effect.ValueKind != JsonValueKind.String || effect.GetString() != "Allow")
                    continue;
                var label = TryGet(statement, "Sid", out var sid) && sid.ValueKind == JsonValueKind.String && sid.GetString() is { Length: > 0 } name
                    ? $"statement {i + 1} ({name})"
                    : $"statement {i + 1}";
                var federated = Principals(statement, label, providerArn, defects);
                Actions(statement, label, defects);
                var subjects = Condition(statement, label, SubjectKey, expectedSubject, "subject", defects);
                var audience = Condition(statement, label, AudienceKey, SetUpContract.OidcAudience, "audience", defects);
                trustsExpected |= federated && subjects && audience;
            }

            if (!trustsExpected)
                defects.Add($"no statement lets GitHub's OIDC provider ({providerArn}) assume it for exactly the subject {expectedSubject}");
            return defects;
        }
    }

    /// <summary>Reports every principal but GitHub's provider; true when the statement names that provider.</summary>
    private static bool Principals(JsonElement statement, string label, string providerArn, List<string> defects)
    {
        if (TryGet(statement, "NotPrincipal", out _))
            defects.Add($"{label} allows every principal except those it names (NotPrincipal)");
        if (!TryGet(statement, "Principal", out var principal))
        {
            defects.Add($"{label} names no principal");
            return false;
        }

        if (principal.ValueKind == JsonValueKind.String)
        {
            defects.Add($"{label} allows any principal ({principal.GetString()})");
            return false;
        }

        if (principal.ValueKind != JsonValueKind.Object)
        {
            defects.Add($"{label} has a principal that is neither '*' nor an object");
            return false;
        }

        var names = false;
        foreach (var kind in principal.EnumerateObject())
        {
            foreach (var value in Strings(kind.Value))
            {
                if (kind.Name == "Federated" && value == providerArn)
                    names = true;
                else
                    defects.Add($"{label} also trusts the {kind.Name} principal {value}");
            }
        }

        return names;
    }

    private static void Actions(JsonElement statement, string label, List<string> defects)
    {
        if (TryGet(statement, "NotAction", out _))
            defects.Add($"{label} allows every action except those it names (NotAction)");
        if (!TryGet(statement, "Action", out var action))
            return;
        foreach (var value in Strings(action).Where(a => !string.Equals(a, WebIdentityAction, StringComparison.OrdinalIgnoreCase)))
            defects.Add($"{label} allows {value}, not only {WebIdentityAction}");
    }

    /// <summary>
    /// Reports every way the statement's condition on <paramref name="key"/> lets more than <paramref name="expected"/> through:
    /// none (no StringEquals, nor a StringLike without wildcards), a pattern, another value. Conditions are ANDed, so a
    /// StringEquals on the key binds whatever else the statement says of it. True when the value is among those it lets through.
    /// </summary>
    private static bool Condition(JsonElement statement, string label, string key, string expected, string what, List<string> defects)
    {
        var equals = Values(statement, "StringEquals", key);
        var like = Values(statement, "StringLike", key);
        if (equals is null && like is null)
        {
            defects.Add(what == "subject"
                ? $"{label} has no StringEquals condition on {key}: any GitHub repository's workflow can assume the role"
                : $"{label} has no StringEquals condition on {key} (the audience {expected})");
            return false;
        }

        var binding = equals ?? like!;
        foreach (var value in binding)
        {
            if (equals is null && IsPattern(value))
                defects.Add($"{label} matches the {what} with the pattern '{value}' (StringLike), not exactly '{expected}'");
            else if (value != expected)
                defects.Add($"{label} also trusts the {what} '{value}'");
        }

        return binding.Any(value => value == expected || (equals is null && IsPattern(value) && Glob(value).IsMatch(expected)));
    }

    private static bool IsPattern(string value) => value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal);

    /// <summary>IAM's StringLike: '*' any run of characters, '?' one character, the rest literally, case-sensitively.</summary>
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + @"\z",
            RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The values an operator's block gives a key (operators and keys compared as IAM does, ignoring case); null when it gives none.</summary>
    private static List<string>? Values(JsonElement statement, string @operator, string key)
    {
        if (!TryGet(statement, "Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
            return null;
        var values = condition.EnumerateObject()
            .Where(o => string.Equals(o.Name, @operator, StringComparison.OrdinalIgnoreCase) && o.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(o => o.Value.EnumerateObject())
            .Where(k => string.Equals(k.Name, key, StringComparison.OrdinalIgnoreCase))
            .SelectMany(k => Strings(k.Value))
            .ToList();
        return values.Count == 0 ? null : values;
    }

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()),
        _ => [value.GetRawText()],
    };

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject().Where(p => p.Name == name))
        {
            value = property.Value;
            return true;
        }

        value = default;
        return false;
    }
}
