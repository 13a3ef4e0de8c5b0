using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>
/// deploy/iam's templates (embedded from that folder, so its Node checker and this code read the same files), rendered:
/// each placeholder's value checked first, filled in as a JSON string value (never pasted into the text, where a quote in an
/// environment name would change the document), the result compact and checked against IAM's size limits.
/// </summary>
public static partial class IamTemplates
{
    /// <summary>IAM's default limit for a role's trust policy.</summary>
    public const int MaxTrustPolicyLength = 2048;

    /// <summary>IAM's limit for an inline role policy.</summary>
    public const int MaxInlineRolePolicyLength = 10_240;

    /// <summary>IAM's limit for a managed policy.</summary>
    public const int MaxManagedPolicyLength = 6_144;

    // The default encoder writes '+' and '<' as \u002B and \u003C; IAM reads both, people read only one.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The template's file in deploy/iam.</summary>
    public static string FileName(IamTemplate template) => template switch
    {
        IamTemplate.DeployPolicy => "deploy-policy.json",
        IamTemplate.PreviewPolicy => "preview-policy.json",
        IamTemplate.ReviewPolicy => "review-policy.json",
        IamTemplate.DeployBoundary => "deploy-boundary.json",
        IamTemplate.ReviewBoundary => "review-boundary.json",
        IamTemplate.TrustDeploy => "trust-deploy.json",
        IamTemplate.TrustPreview => "trust-preview.json",
        IamTemplate.TrustReview => "trust-review.json",
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "not a template of deploy/iam"),
    };

    /// <summary>The template as deploy/iam holds it, placeholders and all.</summary>
    public static string Text(IamTemplate template)
    {
        var name = $"deploy/iam/{FileName(template)}";
        using var stream = typeof(IamTemplates).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"{name} is not embedded in {typeof(IamTemplates).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The template with every placeholder filled from <paramref name="values"/>, as compact JSON. Throws
    /// <see cref="InvalidInputException"/> for a value that breaks its rule, a placeholder with no value, anything left
    /// looking like a placeholder, or a document over IAM's limit.
    /// </summary>
    public static string Render(IamTemplate template, TemplateValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var file = FileName(template);
        var document = JsonNode.Parse(Text(template)) ?? throw new InvalidOperationException($"deploy/iam/{file} is empty");
        Fill(document, name => Value(name, values, file));
        var json = document.ToJsonString(Compact);
        if (json.Contains("${", StringComparison.Ordinal))
        {
            var left = Leftover().Match(json).Value;
            throw new InvalidInputException(new InputError($"rendered deploy/iam/{file}", left,
                "no placeholder left: deploy/iam's templates use ${AccountId}, ${Partition}, ${Repository}, ${Environment} and ${Stack} only"));
        }

        var limit = LimitOf(template);
        return json.Length <= limit
            ? json
            : throw new InvalidInputException(new InputError($"rendered deploy/iam/{file}", $"{json.Length} characters", $"IAM allows at most {limit}"));
    }

    private static int LimitOf(IamTemplate template) => template switch
    {
        IamTemplate.TrustDeploy or IamTemplate.TrustPreview or IamTemplate.TrustReview => MaxTrustPolicyLength,
        IamTemplate.DeployBoundary or IamTemplate.ReviewBoundary => MaxManagedPolicyLength,
        _ => MaxInlineRolePolicyLength,
    };

    /// <summary>The checked value of one placeholder; an unknown one is left as it is (and then refused as left over).</summary>
    private static string? Value(string name, TemplateValues values, string file)
    {
        string Checked(string? value, Func<string?, string, InputError?> rule, string input) =>
            rule(value, $"{input} for deploy/iam/{file}") is { } error ? throw new InvalidInputException(error) : value!;

        return name switch
        {
            "AccountId" => Checked(values.AccountId, SetUpRules.AccountId, "AWS account id"),
            "Partition" => Checked(values.Partition, SetUpRules.Partition, "AWS partition"),
            "Repository" => Checked(values.Repository, SetUpRules.Repository, "GitHub repository"),
            "Environment" => Checked(values.Environment, InputRules.GitHubEnvironmentName, "GitHub environment"),
            "Stack" => Checked(values.Stack, SetUpRules.Stack, "stack"),
            _ => null,
        };
    }

    private static void Fill(JsonNode node, Func<string, string?> value)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                        obj[key] = Replace(text, value);
                    else if (child is not null)
                        Fill(child, value);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                        array[i] = Replace(text, value);
                    else if (array[i] is { } child)
                        Fill(child, value);
                }

                break;
        }
    }

    private static string Replace(string text, Func<string, string?> value) =>
        Placeholder().Replace(text, m => value(m.Groups["name"].Value) ?? m.Value);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\$\{[^}]{0,40}\}?")]
    private static partial Regex Leftover();
}
