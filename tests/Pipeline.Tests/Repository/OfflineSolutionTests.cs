using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AssumeRolePipeline.Pipeline.Tests.Repository;

/// <summary>
/// The offline solution filter is what .ci/run builds and tests: every project that restores here (one that
/// needs no Pulumi or NUKE package, itself or through a project it references) must be in it, or a broken
/// project goes unnoticed (as the benchmarks once did).
/// </summary>
public sealed partial class OfflineSolutionTests
{
    static readonly string[] PackagesNotServedHere = ["Pulumi", "Pulumi.Aws", "Pulumi.Automation", "Nuke.Common"];

    [Fact]
    public void Every_project_that_restores_here_is_in_the_offline_solution_filter()
    {
        var solution = SolutionProjects();
        var offline = OfflineProjects();

        var missing = solution.Where(p => !NeedsPackagesNotServedHere(p)).Except(offline).ToList();
        var needingPulumiOrNuke = offline.Where(NeedsPackagesNotServedHere).ToList();

        Assert.True(missing.Count == 0, $"not in {OfflineFilter}: {string.Join(", ", missing)}");
        Assert.True(needingPulumiOrNuke.Count == 0, $"in {OfflineFilter} but needs Pulumi or NUKE: {string.Join(", ", needingPulumiOrNuke)}");
        Assert.Contains("tests/Pipeline.Benchmarks/Pipeline.Benchmarks.csproj", offline);
        Assert.Contains("build/_build.csproj", solution.Except(offline));
    }

    [Fact]
    public void Every_project_in_the_repository_is_in_the_solution()
    {
        var onDisk = Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
            .Select(Relative)
            .Where(p => !p.Split('/').Any(segment => segment is "bin" or "obj" or "node_modules" || segment.StartsWith('.')))
            .ToHashSet();

        Assert.Empty(onDisk.Except(SolutionProjects()));
    }

    const string OfflineFilter = "AssumeRolePipeline.Offline.slnf";

    static HashSet<string> SolutionProjects() =>
        ProjectLine().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "AssumeRolePipeline.sln")))
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .ToHashSet();

    static HashSet<string> OfflineProjects()
    {
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, OfflineFilter)));
        return filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => p.GetString()!.Replace('\\', '/'))
            .ToHashSet();
    }

    static bool NeedsPackagesNotServedHere(string project)
    {
        var path = Path.Combine(RepositoryRoot.Path, project);
        var document = XDocument.Load(path);
        var packages = document.Descendants("PackageReference").Select(r => (string?)r.Attribute("Include"));
        var references = document.Descendants("ProjectReference")
            .Select(r => Relative(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, ((string)r.Attribute("Include")!).Replace('\\', '/')))));
        return packages.Any(p => PackagesNotServedHere.Contains(p)) || references.Any(NeedsPackagesNotServedHere);
    }

    static string Relative(string path) => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/');

    [GeneratedRegex("""^Project\("\{[0-9A-F-]+\}"\) = "[^"]+", "(?<path>[^"]+\.csproj)",""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
