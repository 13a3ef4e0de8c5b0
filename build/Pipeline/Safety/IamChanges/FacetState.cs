using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>One side (old or new) of one IAM declaration, as grants.</summary>
internal sealed record FacetState(FacetStatus Status, ImmutableArray<Grant> Grants)
{
    public static FacetState Absent { get; } = new(FacetStatus.Absent, []);

    public static FacetState Unknown { get; } = new(FacetStatus.Unknown, []);

    public static FacetState Secret { get; } = new(FacetStatus.Secret, []);

    public static FacetState Known(IEnumerable<Grant> grants) => new(FacetStatus.Known, [.. grants]);
}
