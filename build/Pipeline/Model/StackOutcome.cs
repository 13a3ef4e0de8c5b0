namespace AssumeRolePipeline.Pipeline.Model;

public enum StackOutcome
{
    Succeeded,
    Failed,

    /// <summary>Not run, for a reason the report's note gives (e.g. no credentials handed off yet).</summary>
    Skipped,
}
