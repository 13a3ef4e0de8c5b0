using AssumeRolePipeline.Pipeline.Composition;
using Nuke.Common;

/// <summary>The set-up targets: make the AWS and GitHub side from deploy/stacks.yml, and check it is still as the threat model assumes.</summary>
sealed partial class Build
{
    Target SetUp => _ => _
        .Description("Creates or updates, from deploy/stacks.yml, the AWS roles (a Pulumi stack of its own) and the GitHub environments, rules and variables (administrator credentials for both; --dry-run changes nothing)")
        .Executes(() => Run(BuildCommand.SetUp));

    Target CheckSetUp => _ => _
        .Description("Reports, one line each, every way the repository and the AWS roles differ from what the threat model assumes; exit code 0 only when nothing does")
        .Executes(() => Run(BuildCommand.CheckSetUp));

    Target CheckEnvironments => _ => _
        .Description("CI, the stage's check job: refuses the stage when an environment it is about to use is missing or not protected as required")
        .Executes(() => Run(BuildCommand.CheckEnvironments));
}
