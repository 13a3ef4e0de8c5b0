using AssumeRolePipeline.Pipeline.Publishing.Workflows;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// The caller workflows are written from deploy/stacks.yml by <c>./build.sh GenerateWorkflows</c>: the committed ones are
/// what it gives for the committed declaration, byte for byte, so a stack added there without regenerating fails here.
/// </summary>
public sealed class GeneratedWorkflowTests
{
    private static StackDeclaration Committed => StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath));

    [Fact]
    public async Task The_committed_caller_workflows_are_up_to_date_with_deploy_stacks_yml()
    {
        var differences = await new CallerWorkflowFiles(RepositoryRoot.Path).DifferencesAsync(Committed, CancellationToken.None);

        Assert.True(differences.Count == 0,
            $"The caller workflows are out of date with {StackDeclaration.RelativePath}: run {CallerWorkflows.Command} and commit them." +
            $"{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
    }
}
