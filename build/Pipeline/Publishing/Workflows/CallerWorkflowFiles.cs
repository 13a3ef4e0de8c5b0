using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>The generated caller workflows as files of a repository: written by the GenerateWorkflows target, compared by the test.</summary>
public sealed class CallerWorkflowFiles
{
    private readonly string _repositoryRoot;

    /// <param name="repositoryRoot">The checkout whose .github/workflows folder holds the files.</param>
    public CallerWorkflowFiles(string repositoryRoot) => _repositoryRoot = repositoryRoot;

    /// <summary>
    /// Writes each workflow whose file differs from what <paramref name="declaration"/> gives (LF, UTF-8 without a byte order mark),
    /// and leaves the others untouched. Returns each file with whether it was written, in <see cref="CallerWorkflows.FileNames"/> order.
    /// </summary>
    public async Task<IReadOnlyList<(GeneratedWorkflow Workflow, bool Written)>> WriteAsync(StackDeclaration declaration, CancellationToken cancellationToken)
    {
        var results = new List<(GeneratedWorkflow, bool)>();
        foreach (var workflow in CallerWorkflows.Generate(declaration))
        {
            var path = PathOf(workflow);
            var written = await ReadOrNullAsync(path, cancellationToken) != workflow.Text;
            if (written)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, workflow.Text, cancellationToken);
            }

            results.Add((workflow, written));
        }

        return results;
    }

    /// <summary>For each committed workflow that differs from what <paramref name="declaration"/> gives, where it first does; empty when all are up to date.</summary>
    public async Task<IReadOnlyList<string>> DifferencesAsync(StackDeclaration declaration, CancellationToken cancellationToken)
    {
        var differences = new List<string>();
        foreach (var workflow in CallerWorkflows.Generate(declaration))
        {
            if (workflow.FirstDifference(await ReadOrNullAsync(PathOf(workflow), cancellationToken)) is { } difference)
                differences.Add(difference);
        }

        return differences;
    }

    private string PathOf(GeneratedWorkflow workflow) => Path.Combine(_repositoryRoot, ".github", "workflows", workflow.FileName);

    private static async Task<string?> ReadOrNullAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
}
