namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>Whether a row of a policy change is granted (or denied) anew, or no longer.</summary>
public enum IamRowChange
{
    Added,
    Removed,
}
