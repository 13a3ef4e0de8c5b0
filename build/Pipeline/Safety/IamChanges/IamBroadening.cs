namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>Whether a change gives anyone access they did not have before.</summary>
public enum IamBroadening
{
    /// <summary>Only removals, or additions already covered by what was granted before.</summary>
    No,

    /// <summary>A value is unknown until the update (or secret), so the change may broaden access; it is not guessed.</summary>
    Possibly,

    /// <summary>A new principal, action or resource, a wildcard, a dropped condition or Deny, a new attachment or membership.</summary>
    Yes,
}
