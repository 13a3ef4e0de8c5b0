using AssumeRolePipeline.Pipeline.Composition;
using Nuke.Common;

/// <summary>The workflows that call the stage once per stack, written from deploy/stacks.yml.</summary>
sealed partial class Build
{
    Target GenerateWorkflows => _ => _
        .Description("Writes the caller workflows (preview, deploy, manual, drift, rotate) from deploy/stacks.yml; a test fails while the committed ones differ")
        .Executes(() => Run(BuildCommand.GenerateWorkflows));
}
