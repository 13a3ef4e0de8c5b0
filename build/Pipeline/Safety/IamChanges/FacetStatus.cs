namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

internal enum FacetStatus
{
    /// <summary>The resource or the field does not exist on this side of the step.</summary>
    Absent,

    Known,

    /// <summary>The whole value is Pulumi's unknown placeholder: it is known only after the update.</summary>
    Unknown,

    /// <summary>The whole value is secret, so it can be neither shown nor compared.</summary>
    Secret,
}
