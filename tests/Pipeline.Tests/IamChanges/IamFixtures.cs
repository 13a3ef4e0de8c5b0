using System.Text.Json;
using AssumeRolePipeline.Pipeline.Safety.IamChanges;

namespace AssumeRolePipeline.Pipeline.Tests.IamChanges;

/// <summary>Steps and inputs shaped as Pulumi.Automation's engine events deliver them.</summary>
internal static class IamFixtures
{
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    public const string Role = "aws:iam/role:Role";
    public const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
    public const string RoleName = "allow-s3-management-dev";
    public const string UserArn = "arn:aws:iam::123456789012:user/unprivileged-dev";

    public static string Urn(string type, string name) => $"urn:pulumi:dev::create-role::{type}::{name}";

    public static IamStep Step(string operation, string type, string name, IReadOnlyDictionary<string, object?>? old, IReadOnlyDictionary<string, object?>? @new) =>
        new(Urn(type, name), type, operation, old, @new);

    public static IamStep Update(string type, string name, IReadOnlyDictionary<string, object?> old, IReadOnlyDictionary<string, object?> @new) =>
        Step("Update", type, name, old, @new);

    public static IReadOnlyDictionary<string, object?> Inputs(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static object Policy(string json, PolicyShape shape = PolicyShape.JsonString) => shape switch
    {
        PolicyShape.JsonString => json,
        PolicyShape.Parsed => Parsed(JsonDocument.Parse(json).RootElement)!,
        _ => JsonDocument.Parse(json).RootElement.Clone(),
    };

    public static string Trust(string principal, string extra = "") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"sts:AssumeRole"{{extra}}}]}""";

    public static string Statements(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    public static IReadOnlyDictionary<string, object?> RoleInputs(object trust) =>
        Inputs(("name", RoleName), ("assumeRolePolicy", trust), ("maxSessionDuration", 3600L), ("forceDetachPolicies", false));

    public static IReadOnlyDictionary<string, object?> RolePolicyInputs(object policy) =>
        Inputs(("role", RoleName), ("name", "s3-management"), ("policy", policy));

    public static IamResourceChange Single(params IamStep[] steps) => Assert.Single(IamChangeAnalyzer.Analyze(steps));

    public static string Texts(IEnumerable<IamValue> values) => string.Join(", ", values.Select(v => v.Text));

    /// <summary>A row as one readable line: "Added Allow * → sts:AssumeRole on —".</summary>
    public static string Describe(IamChangeRow row) =>
        $"{row.Change} {row.Effect?.ToString() ?? "-"} {Texts(row.Who)} → {Texts(row.What)} on {(row.On.IsEmpty ? "—" : Texts(row.On))}" +
        (row.Conditions.IsEmpty ? string.Empty : " if " + string.Join("; ", row.Conditions.Select(c => $"{c.Operator} {c.Key} {Texts(c.Values)}")));

    // Pulumi.Automation's event deserialiser hands nested objects over as dictionaries and lists.
    private static object? Parsed(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Parsed(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Parsed).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
