using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Tests.Repository;

/// <summary>
/// build/Pipeline's top-level folders are its layers, bottom to top; a file may import its own layer and those
/// below it, never one above. The layers come from the folders and this one declared order; there is no list of
/// exceptions.
/// </summary>
public sealed partial class LayerTests
{
    /// <summary>Bottom to top: the shared model, settings and safety, the stages, the operations, publishing, the composition root.</summary>
    static readonly string[] DeclaredOrder = ["Model", "Settings", "Safety", "Stages", "Operations", "Publishing", "Composition"];

    const string Namespace = "AssumeRolePipeline.Pipeline";

    [Fact]
    public void Every_import_in_the_library_points_to_its_own_layer_or_one_below()
    {
        var files = LibraryFiles();

        Assert.NotEmpty(files);
        var upward = UpwardImports(files);
        Assert.True(upward.Count == 0, "imports that run back up:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Every_file_of_the_library_lives_in_a_declared_layer()
    {
        var outside = LibraryFiles().Keys.Where(f => LayerOf(f) < 0).ToList();

        Assert.True(outside.Count == 0, $"files outside the layers {string.Join(", ", DeclaredOrder)}: {string.Join(", ", outside)}");
    }

    [Fact]
    public void The_check_finds_an_import_that_runs_back_up_and_a_cycle_between_two_layers()
    {
        var files = new Dictionary<string, string>
        {
            ["Model/StackReport.cs"] = $"using {Namespace}.Publishing.Reporting;\nnamespace {Namespace}.Model;",
            ["Publishing/Reporting/MarkdownReport.cs"] = $"using {Namespace}.Model;\nnamespace {Namespace}.Publishing.Reporting;",
            ["Stages/StageRunner.cs"] = $"namespace {Namespace}.Stages;\nclass S {{ {Namespace}.Operations.Drift.DriftPipeline? p; }}",
            ["Operations/Deploy/StackPipeline.cs"] = $"using {Namespace}.Stages;\nnamespace {Namespace}.Operations.Deploy;",
            ["Operations/Drift/DriftPipeline.cs"] = $"namespace {Namespace}.Operations.Drift;",
        };

        var found = UpwardImports(files);

        Assert.Equal(
            ["Model/StackReport.cs imports Publishing.Reporting (Model < Publishing)", "Stages/StageRunner.cs imports Operations.Drift (Stages < Operations)"],
            found);
    }

    static List<string> UpwardImports(IReadOnlyDictionary<string, string> files)
    {
        var declared = files.Values.SelectMany(source => DeclaredNamespace().Matches(source).Select(m => m.Groups["ns"].Value)).ToHashSet();
        return files.SelectMany(file => ImportedNamespaces(file.Value, declared)
                .Where(imported => LayerOf(imported.Replace('.', '/')) > LayerOf(file.Key))
                .Select(imported => $"{file.Key} imports {imported} ({Layer(file.Key)} < {Layer(imported.Replace('.', '/'))})"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Namespaces of the library a file names, by <c>using</c> or fully qualified (the longest declared namespace a
    /// qualified name starts with), relative to the library's root.
    /// </summary>
    static IEnumerable<string> ImportedNamespaces(string source, IReadOnlySet<string> declared) =>
        LibraryReference().Matches(source)
            .Select(m => m.Groups["name"].Value.Split('.'))
            .Select(segments => Enumerable.Range(1, segments.Length).Reverse()
                .Select(length => string.Join('.', segments.Take(length)))
                .FirstOrDefault(declared.Contains) ?? segments[0])
            .Where(ns => DeclaredOrder.Contains(ns.Split('.')[0]));

    static int LayerOf(string path) => Array.IndexOf(DeclaredOrder, path.Split('/')[0]);

    static string Layer(string path) => path.Split('/')[0];

    static Dictionary<string, string> LibraryFiles()
    {
        var root = Path.Combine(RepositoryRoot.Path, "build", "Pipeline");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(root, f)));
    }

    // A name after the library's root: a using's namespace, an alias's type or a qualified name in code.
    [GeneratedRegex(@"\bAssumeRolePipeline\.Pipeline\.(?<name>\w+(?:\.\w+)*)")]
    private static partial Regex LibraryReference();

    [GeneratedRegex(@"^namespace AssumeRolePipeline\.Pipeline\.(?<ns>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex DeclaredNamespace();
}
