namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;

/// <summary>What publishing one stack's drift report did to its GitHub issue.</summary>
public enum DriftIssueOutcome
{
    Opened,
    Updated,
    Closed,

    /// <summary>No drift and no open issue: nothing to do.</summary>
    NothingToDo,

    /// <summary>The stack was skipped or its check failed: the issue (if any) is left as it is.</summary>
    LeftAlone,
}
