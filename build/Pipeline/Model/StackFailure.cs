namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>The kinds of stack failure the pipeline explains in its own words.</summary>
public enum StackFailure
{
    /// <summary>The operation ran and failed (a resource error, a program error).</summary>
    OperationFailed,

    /// <summary>Another update holds the stack's lock (Pulumi's 409 Conflict).</summary>
    ConcurrentUpdate,

    /// <summary>The Pulumi CLI could not be started.</summary>
    CliMissing,
}
