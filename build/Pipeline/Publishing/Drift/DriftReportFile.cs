using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Drift;

namespace AssumeRolePipeline.Pipeline.Publishing.Drift;

/// <summary>
/// The drift reports of a job as a JSON file, one per stack (<c>drift-&lt;project&gt;.json</c>): how the jobs
/// that check drift (with AWS credentials) hand their findings to the one job that writes the GitHub issues
/// (with <c>issues: write</c> and no AWS credentials). It holds names only, already masked: no value of
/// any property, so it may travel as an artifact.
/// </summary>
public static class DriftReportFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly ImmutableHashSet<string> Projects = [CreateRoleContract.ProjectName, AssumeRoleContract.ProjectName];

    public static string PathFor(string directory, string project) => Path.Combine(directory, $"drift-{project}.json");

    /// <summary>Writes each report to its stack's file in <paramref name="directory"/> (created when missing).</summary>
    public static void Write(string directory, IEnumerable<StackReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        Directory.CreateDirectory(directory);
        foreach (var report in reports)
            File.WriteAllText(PathFor(directory, report.Project), JsonSerializer.Serialize(report, Options));
    }

    /// <summary>Every report in <paramref name="directory"/> (searched recursively: artifacts unpack into sub-folders).</summary>
    /// <exception cref="ExplainedFailure">The folder is missing or empty, or a file is not a drift report.</exception>
    public static ImmutableArray<StackReport> ReadAll(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ExplainedFailure($"No drift reports to publish: the folder '{directory}' does not exist. Run the drift check first " +
                                        "(DriftCreateRole, DriftAssumeRole or Drift write them there), then download them into it.");
        var files = Directory.GetFiles(directory, "drift-*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new ExplainedFailure($"No drift reports to publish: '{directory}' holds no drift-*.json file. Run the drift check first.");
        return [.. files.Select(Read)];
    }

    public static StackReport Read(string path)
    {
        StackReport? report;
        try
        {
            report = JsonSerializer.Deserialize<StackReport>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new ExplainedFailure($"The drift report '{path}' is not one this pipeline wrote: {e.Message}", e);
        }

        if (report is null || !Projects.Contains(report.Project) || InputRules.StackName(report.Stack) is not null ||
            !DriftPipeline.Operations.Contains(report.Operation) || report.Drift is null)
        {
            throw new ExplainedFailure($"The drift report '{path}' is not one this pipeline wrote: it must name the project " +
                                        $"({string.Join(" or ", Projects)}), a valid stack and a drift operation.");
        }

        return report with { Changes = report.Changes.IsDefault ? [] : report.Changes };
    }
}
