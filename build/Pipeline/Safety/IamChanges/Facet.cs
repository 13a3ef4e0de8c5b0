namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>One IAM declaration of a resource, before and after its step.</summary>
internal sealed record Facet(IamPolicyKind Kind, string? PolicyName, FacetState Old, FacetState New);
