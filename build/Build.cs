using AssumeRolePipeline.Pipeline.Composition;
using Nuke.Common;
using Nuke.Common.ProjectModel;
using Nuke.Common.Tools.DotNet;
using static Nuke.Common.Tools.DotNet.DotNetTasks;

/// <summary>
/// Entry point of <c>./build.sh</c>: targets and parameters, declared. Each stack target is one command of the
/// pipeline library's composition root (<see cref="PipelineBuild"/>), which makes the settings and services once,
/// decides everything and ends every command the same way; this layer holds no decision.
/// </summary>
sealed partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Configuration to build: Debug (default locally) or Release (default on a CI server)")]
    readonly string Configuration = PipelineBuild.DefaultConfiguration(IsServerBuild);

    [Solution] readonly Solution Solution = null!;

    readonly Lazy<PipelineBuild> Pipeline;

    /// <summary>The composition root is made on first use, after NUKE has injected the parameters.</summary>
    public Build() => Pipeline = new(() => PipelineBuild.ForProcess(Parameters, RootDirectory, IsServerBuild,
        cancellationToken => new AutomationStackOperator(cancellationToken)));

    /// <summary>Runs a target's command; the exit code is set only when it is not the usual one (drift found: 2).</summary>
    async Task Run(BuildCommand command) => ExitCode = await Pipeline.Value.RunAsync(command);

    Target Compile => _ => _
        .Description("Builds the whole solution: stacks, pipeline libraries and tests")
        .Executes(() => DotNetBuild(s => s
            .SetProjectFile(Solution)
            .SetConfiguration(Configuration)));

    Target Test => _ => _
        .Description("Runs every test, the Pulumi mock tests included")
        .DependsOn(Compile)
        .Executes(() => DotNetTest(s => s
            .SetProjectFile(Solution)
            .SetConfiguration(Configuration)
            .EnableNoBuild()));
}
