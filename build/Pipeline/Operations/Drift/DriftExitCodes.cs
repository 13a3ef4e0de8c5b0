using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Operations.Drift;

/// <summary>
/// The exit codes of a drift check, for a scheduler: 0 when every stack matches its state, 2 when drift
/// was found. An error (a stack that could not be checked, bad input) fails the build instead, which
/// exits with NUKE's failure code (-1, i.e. 255 in a shell) or, from <c>build.sh</c> itself, 1: any code
/// other than 0 and 2 is an error, and then the drift of the stacks that could be checked is not the whole story.
/// </summary>
public static class DriftExitCodes
{
    public const int DriftFound = 2;

    /// <summary>
    /// The exit code a run that did not fail ends the build with when it is not the usual 0: <see cref="DriftFound"/>
    /// for a drift check that found drift; null (the build's own code) for every other run.
    /// </summary>
    public static int? For(PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Succeeded)
            throw new InvalidOperationException("A failed run has no drift exit code: it fails the build.");
        return run.Operation == StackOperation.Drift && run.HasDrift ? DriftFound : null;
    }
}
