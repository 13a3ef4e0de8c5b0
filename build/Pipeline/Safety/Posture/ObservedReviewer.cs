namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>One required reviewer as GitHub lists it: <c>User</c> or <c>Team</c>, its id, and its login or slug.</summary>
public sealed record ObservedReviewer(string Type, long Id, string Name)
{
    public const string UserType = "User";
    public const string TeamType = "Team";
}
