using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>One workflow file read with YamlDotNet's representation model (where <c>on:</c> stays the string "on").</summary>
internal sealed partial class Workflow
{
    private Workflow(string name, string text, YamlMappingNode root)
    {
        Name = name;
        Text = text;
        Root = root;
        Jobs = [.. ((YamlMappingNode)root["jobs"]).Children.Select(j => new WorkflowJob(((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value))];
    }

    /// <summary>The reusable stage every pipeline workflow calls.</summary>
    public const string StageFile = "stage.yml";

    public const string StageReference = "./.github/workflows/" + StageFile;

    public static IReadOnlyList<string> Names { get; } =
        ["ci.yml", "preview.yml", "deploy.yml", "manual.yml", "drift.yml", "rotate.yml", "review.yml", "review-sweep.yml", StageFile];

    /// <summary>The workflows that call the stage, one job per declared stack.</summary>
    public static IReadOnlyList<string> Callers { get; } = ["preview.yml", "deploy.yml", "manual.yml", "drift.yml", "rotate.yml"];

    /// <summary>The operations the stage runs (its check refuses any other).</summary>
    public static IReadOnlyList<string> Operations { get; } = ["preview", "up", "destroy", "drift", "refresh", "remediate", "rotate"];

    public string Name { get; }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public IReadOnlyList<WorkflowJob> Jobs { get; }

    public YamlMappingNode On => (YamlMappingNode)Root["on"];

    public static Workflow Load(string name) => Load(RepositoryRoot.Path, name);

    /// <summary>The workflow <paramref name="name"/> of the repository at <paramref name="root"/> (a <see cref="WorkflowSet"/>'s).</summary>
    public static Workflow Load(string root, string name)
    {
        var text = File.ReadAllText(Path.Combine(root, ".github", "workflows", name));
        return new Workflow(name, text, LoadYaml(text));
    }

    public static YamlMappingNode LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public WorkflowJob Job(string id) => Jobs.Single(j => j.Id == id);

    public override string ToString() => Name;

    /// <summary>The names of the secrets any scalar under <paramref name="node"/> refers to.</summary>
    public static IReadOnlyList<string> SecretsIn(YamlNode? node) =>
        node is null ? [] : [.. Scalars(node).SelectMany(s => SecretPattern().Matches(s).Select(m => m.Groups[1].Value)).Distinct()];

    public static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? string.Empty],
        YamlMappingNode mapping => mapping.Children.SelectMany(c => Scalars(c.Key).Concat(Scalars(c.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        _ => [],
    };

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? [.. sequence.Children.Cast<YamlScalarNode>().Select(n => n.Value!)]
            : [];

    public static IReadOnlyDictionary<string, string> Map(YamlMappingNode? node) =>
        node is null
            ? new Dictionary<string, string>()
            : node.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? string.Empty);

    // Also a computed name's fixed part: secrets[format('ASSUME_ROLE_ARN{0}', ...)] reads ASSUME_ROLE_ARN and its suffixed forms.
    [GeneratedRegex(@"secrets(?:\.|\[format\(')([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SecretPattern();
}

internal sealed record WorkflowJob(string Id, YamlMappingNode Node)
{
    public string? Environment =>
        Workflow.Scalar(Node, "environment") ?? (Workflow.Mapping(Node, "environment") is { } env ? Workflow.Scalar(env, "name") : null);

    public string? If => Workflow.Scalar(Node, "if");

    /// <summary>The reusable workflow this job calls, if it is a caller job.</summary>
    public string? Uses => Workflow.Scalar(Node, "uses");

    public IReadOnlyDictionary<string, string> With => Workflow.Map(Workflow.Mapping(Node, "with"));

    public IReadOnlyDictionary<string, string> Env => Workflow.Map(Workflow.Mapping(Node, "env"));

    public IReadOnlyDictionary<string, string> Permissions => Workflow.Map(Workflow.Mapping(Node, "permissions"));

    public IReadOnlyList<string> Needs => Node.Children.TryGetValue(new YamlScalarNode("needs"), out var needs)
        ? needs switch
        {
            YamlScalarNode one => [one.Value!],
            YamlSequenceNode many => [.. many.Children.Cast<YamlScalarNode>().Select(n => n.Value!)],
            _ => [],
        }
        : [];

    public IReadOnlyList<WorkflowStep> Steps => WorkflowStep.All(Node);

    public IReadOnlyList<string> Secrets => Workflow.SecretsIn(Node);

    public override string ToString() => Id;
}

internal sealed record WorkflowStep(YamlMappingNode Node)
{
    public static IReadOnlyList<WorkflowStep> All(YamlMappingNode parent) =>
        parent.Children.TryGetValue(new YamlScalarNode("steps"), out var steps)
            ? [.. ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>().Select(s => new WorkflowStep(s))]
            : [];

    public string? Id => Workflow.Scalar(Node, "id");

    public string? Name => Workflow.Scalar(Node, "name");

    public string? Uses => Workflow.Scalar(Node, "uses");

    public string? Run => Workflow.Scalar(Node, "run");

    public string? If => Workflow.Scalar(Node, "if");

    public IReadOnlyDictionary<string, string> Env => Workflow.Map(Workflow.Mapping(Node, "env"));

    public IReadOnlyDictionary<string, string> With => Workflow.Map(Workflow.Mapping(Node, "with"));

    public IReadOnlyList<string> Secrets => Workflow.SecretsIn(Node);

    public bool RunsBuild => Run?.Contains("./build.sh", StringComparison.Ordinal) == true;

    public override string ToString() => Name ?? Id ?? Uses ?? Run ?? "step";
}

/// <summary>A local composite action (<c>.github/actions/NAME/action.yml</c>).</summary>
internal sealed record CompositeAction(string Name, string Text, YamlMappingNode Root)
{
    public const string SetupReference = "./.github/actions/setup";

    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, ".github", "actions")).Select(Path.GetFileName).OfType<string>().Order()];

    public static CompositeAction Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "actions", name, "action.yml"));
        return new CompositeAction(name, text, Workflow.LoadYaml(text));
    }

    public IReadOnlyList<WorkflowStep> Steps => WorkflowStep.All((YamlMappingNode)Root["runs"]);

    public IReadOnlyDictionary<string, YamlMappingNode> Inputs =>
        Workflow.Mapping(Root, "inputs")?.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value)
        ?? new Dictionary<string, YamlMappingNode>();

    public override string ToString() => Name;
}
