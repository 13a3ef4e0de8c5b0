namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>What GitHub says of the pull request a review stack belongs to.</summary>
public enum PullRequestStatus
{
    /// <summary>Not asked (no GitHub token, e.g. a local run): the time to live alone decides.</summary>
    Unknown,

    Open,

    /// <summary>Closed without a merge.</summary>
    Closed,

    Merged,

    /// <summary>
    /// GitHub knows no pull request of that number in a repository it lets the token read: the stack was made by hand,
    /// or in another repository. The time to live decides, as for <see cref="Unknown"/>.
    /// </summary>
    Missing,
}
