using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Composition;

/// <summary>What the build runs in: the process's facts and services, passed in so that tests can give their own.</summary>
/// <param name="RepositoryRoot">The checkout (NUKE's root directory).</param>
/// <param name="IsServerBuild">True on a CI server (NUKE's <c>IsServerBuild</c>): a local file backend is refused there.</param>
/// <param name="Environment">The process's environment variables.</param>
/// <param name="Console">Where summaries and progress go.</param>
/// <param name="Commands">Where GitHub workflow commands (<c>::add-mask::</c>, annotations) go: standard output.</param>
/// <param name="FileExists">The file system's answer, for the preflight's lookup of the Pulumi CLI.</param>
/// <param name="Cancellation">The run's cancellation (Ctrl-C, a cancelled workflow run).</param>
public sealed record BuildHost(
    string RepositoryRoot,
    bool IsServerBuild,
    Func<string, string?> Environment,
    IAnsiConsole Console,
    TextWriter Commands,
    TimeProvider Time,
    Func<string, bool> FileExists,
    CancellationToken Cancellation)
{
    public bool OnGitHubActions => Environment("GITHUB_ACTIONS") == "true";
}
