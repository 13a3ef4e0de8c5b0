using Nuke.Common;
using Nuke.Common.ProjectModel;
using Nuke.Common.Tools.DotNet;
using static Nuke.Common.Tools.DotNet.DotNetTasks;

/// <summary>
/// Entry point of <c>./build.sh</c>. This file holds the code targets; the stack targets live in the
/// other parts of this partial class, one file per concern.
/// </summary>
sealed partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Configuration to build: Debug (default locally) or Release (default on a CI server)")]
    readonly string Configuration = IsLocalBuild ? "Debug" : "Release";

    [Solution] readonly Solution Solution = null!;

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
