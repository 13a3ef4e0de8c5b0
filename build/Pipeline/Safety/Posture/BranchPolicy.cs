namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>One custom deployment branch rule: a name pattern for branches (<c>branch</c>) or tags (<c>tag</c>).</summary>
public sealed record BranchPolicy(long Id, string Name, string Type)
{
    public const string BranchType = "branch";
    public const string TagType = "tag";

    public override string ToString() => $"{Type} '{Name}'";
}
