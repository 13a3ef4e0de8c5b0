namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>A policy statement's <c>Effect</c>.</summary>
public enum IamEffect
{
    Allow,
    Deny,
}
