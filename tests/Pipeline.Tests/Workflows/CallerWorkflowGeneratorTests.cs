using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Composition;
using AssumeRolePipeline.Pipeline.Publishing.Workflows;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// The generator's rules for what a declaration may carry into a workflow (job ids, YAML scalars, expressions), and the
/// GenerateWorkflows target writing the files into the checkout, saying per file whether it changed.
/// </summary>
public sealed class CallerWorkflowGeneratorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("generate-workflows-").FullName;
    private readonly StringWriter _console = new();

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        _console.Dispose();
    }

    private static StackDeclaration Declare(params string[] stacks) => StackDeclaration.Parse(
        "stacks:\n" + string.Concat(stacks.Select((entry, i) => $"  - {entry}\n    environments: {{ privileged: p{i}, unprivileged: u{i}, preview: v{i} }}\n")),
        "test.yml");

    [Theory]
    [InlineData("dev", "dev")]
    [InlineData("prod-eu_2", "prod-eu_2")]
    [InlineData("org/dev", "org_dev")]
    [InlineData("org/project/dev", "org_project_dev")]
    [InlineData("dev.eu", "dev_eu")]
    [InlineData("2024", "stack-2024")]
    [InlineData("_dev", "stack-_dev")]
    [InlineData("-dev", "stack--dev")]
    [InlineData("true", "stack-true")]
    [InlineData("No", "stack-No")]
    public void A_stack_name_that_is_a_job_id_is_its_own_any_other_gets_one_made_of_it(string stack, string id)
    {
        var ids = CallerJobIds.For([stack]);

        Assert.Equal(id, ids.Caller(stack));
        Assert.Equal($"issues-{id}", ids.Issues(stack));
        Assert.True(CallerJobIds.IsValidJobId(ids.Caller(stack)));
    }

    [Fact]
    public void Ids_that_would_clash_without_case_are_numbered_in_the_declared_order()
    {
        var ids = CallerJobIds.For(["dev", "issues-dev", "org/qa", "org_qa", "ORG_QA2", "no-secrets-notice", "org_qa-2"]);

        Assert.Equal(
            ["dev", "issues-dev-2", "org_qa", "org_qa-2", "ORG_QA2", "no-secrets-notice-2", "org_qa-2-2"],
            new[] { "dev", "issues-dev", "org/qa", "org_qa", "ORG_QA2", "no-secrets-notice", "org_qa-2" }.Select(ids.Caller));
    }

    [Theory]
    [InlineData("aws-prod-preview", "aws-prod-preview")]
    [InlineData("org/dev", "org/dev")]
    [InlineData("2.0", "'2.0'")]
    [InlineData("true", "'true'")]
    [InlineData("Off", "'Off'")]
    [InlineData("aws prod", "'aws prod'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("prod #1", "'prod #1'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("@prod", "'@prod'")]
    public void A_value_is_written_as_a_yaml_scalar_that_reads_back_as_the_same_string(string value, string yaml)
    {
        Assert.Equal(yaml, WorkflowText.Scalar(value));
        Assert.Equal(value, Workflow.Scalar(Workflow.LoadYaml($"key: {yaml}\n"), "key"));
    }

    [Fact]
    public void An_environment_a_workflow_would_read_as_an_expression_is_refused_naming_it()
    {
        var declaration = StackDeclaration.Parse(
            "stacks:\n  - name: dev\n    environments: { privileged: 'p${{ github.token }}', unprivileged: u, preview: v }\n", "test.yml");

        var error = Assert.Throws<InvalidInputException>(() => CallerWorkflows.Generate(declaration));

        Assert.Contains("environments.privileged of stack dev (test.yml)", error.Message, StringComparison.Ordinal);
        Assert.Contains("p${{ github.token }}", error.Message, StringComparison.Ordinal);
        Assert.Contains("expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_stacks_whose_names_differ_only_in_case_are_refused_github_compares_them_without_case()
    {
        var error = Assert.Throws<InvalidInputException>(() => CallerWorkflows.Generate(Declare("name: dev", "name: Dev")));

        Assert.Contains("'Dev'", error.Message, StringComparison.Ordinal);
        Assert.Contains("differs from stack dev by more than case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_stack_gets_no_promotion_and_no_optional_stack()
    {
        var workflows = CallerWorkflows.Generate(Declare("name: dev")).ToDictionary(w => w.FileName, w => w.Text);

        Assert.DoesNotContain("needs:", workflows["deploy.yml"], StringComparison.Ordinal);
        Assert.DoesNotContain("optional", workflows["deploy.yml"], StringComparison.Ordinal);
        Assert.DoesNotContain("follows", workflows["deploy.yml"], StringComparison.Ordinal);
        Assert.DoesNotContain("follows", workflows["rotate.yml"], StringComparison.Ordinal);
        Assert.Contains("options: [dev]", workflows["manual.yml"], StringComparison.Ordinal);
        Assert.Contains("  issues-dev:\n", workflows["drift.yml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_prose_wraps_at_the_committed_width_and_a_long_name_gets_a_line_of_its_own()
    {
        var name = new string('a', 120);

        var comment = WorkflowText.Comment("    ", $"After {name} whatever its outcome.");

        Assert.Equal($"    # After\n    # {name}\n    # whatever its outcome.", comment);
    }

    [Fact]
    public async Task The_target_writes_the_workflows_into_the_checkout_and_says_per_file_what_it_did()
    {
        Directory.CreateDirectory(Path.Combine(_root, "deploy"));
        await File.WriteAllTextAsync(Path.Combine(_root, StackDeclaration.RelativePath), WorkflowSet.ThreeStacksDeclaration);
        var expected = CallerWorkflows.Generate(StackDeclaration.Parse(WorkflowSet.ThreeStacksDeclaration, "test"));
        Directory.CreateDirectory(Path.Combine(_root, ".github", "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, ".github", "workflows", "manual.yml"), expected.Single(w => w.FileName == "manual.yml").Text);
        await File.WriteAllTextAsync(Path.Combine(_root, ".github", "workflows", "deploy.yml"), "hand-edited\r\n");

        Assert.Null(await Build().RunAsync(BuildCommand.GenerateWorkflows));

        Assert.All(expected, w => Assert.Equal(w.Text, File.ReadAllText(Path.Combine(_root, ".github", "workflows", w.FileName))));
        var lines = _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "» .github/workflows/preview.yml: written from deploy/stacks.yml",
                "» .github/workflows/deploy.yml: written from deploy/stacks.yml",
                "» .github/workflows/manual.yml: unchanged",
                "» .github/workflows/drift.yml: written from deploy/stacks.yml",
                "» .github/workflows/rotate.yml: written from deploy/stacks.yml",
            ],
            lines);
        Assert.Empty(await new CallerWorkflowFiles(_root).DifferencesAsync(StackDeclaration.Load(Path.Combine(_root, StackDeclaration.RelativePath)), CancellationToken.None));
    }

    [Fact]
    public async Task A_second_run_with_nothing_to_do_changes_no_file()
    {
        Directory.CreateDirectory(Path.Combine(_root, "deploy"));
        await File.WriteAllTextAsync(Path.Combine(_root, StackDeclaration.RelativePath), WorkflowSet.ThreeStacksDeclaration);
        await Build().RunAsync(BuildCommand.GenerateWorkflows);
        var written = Directory.GetFiles(Path.Combine(_root, ".github", "workflows")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        foreach (var file in written.Keys)
            File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _console.GetStringBuilder().Clear();

        await Build().RunAsync(BuildCommand.GenerateWorkflows);

        Assert.All(written.Keys, file => Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file)));
        Assert.Equal(5, _console.ToString().Split('\n').Count(l => l.EndsWith(": unchanged", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_declaration_that_breaks_a_rule_fails_the_target_before_any_file_is_written()
    {
        Directory.CreateDirectory(Path.Combine(_root, "deploy"));
        await File.WriteAllTextAsync(Path.Combine(_root, StackDeclaration.RelativePath),
            "stacks:\n  - name: dev\n    environments: { privileged: p, unprivileged: u, preview: v }\n  - name: Dev\n    environments: { privileged: p2, unprivileged: u2, preview: v2 }\n");

        await Assert.ThrowsAsync<InvalidInputException>(() => Build().RunAsync(BuildCommand.GenerateWorkflows));

        Assert.False(Directory.Exists(Path.Combine(_root, ".github")));
    }

    private PipelineBuild Build()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(_console),
        });
        console.Profile.Width = 200;
        var host = new BuildHost(_root, IsServerBuild: false, _ => null, console, TextWriter.Null, new FakeTimeProvider(), _ => false, CancellationToken.None);
        return new PipelineBuild(new BuildParameters(), host, new InMemoryStackOperator());
    }
}
