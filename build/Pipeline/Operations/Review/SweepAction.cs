namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>What the sweep does with one review stack.</summary>
public enum SweepAction
{
    /// <summary>Left as it is: its pull request is open and it was updated within the time to live, or it is busy.</summary>
    Keep,

    /// <summary>Destroyed in the safe order (assume-role, then create-role).</summary>
    Destroy,

    /// <summary>Already empty: removed from the state backend (<c>pulumi stack rm</c>), so it is not listed again.</summary>
    Remove,
}
