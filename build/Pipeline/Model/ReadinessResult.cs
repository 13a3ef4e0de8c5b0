namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>How long IAM took to accept the new key, then to let it assume the role.</summary>
public sealed record ReadinessResult(TimeSpan KeyWait, TimeSpan RoleWait, int Refusals)
{
    public TimeSpan Total => KeyWait + RoleWait;
}
