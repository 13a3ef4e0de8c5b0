namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>What the calls showed about one claim.</summary>
public enum ClaimResult
{
    /// <summary>AWS answered as the claim says it must.</summary>
    Holds,

    /// <summary>AWS answered otherwise: the claim is false (or the answer cannot be the one the claim needs).</summary>
    Fails,

    /// <summary>No answer that bears on the claim (unreachable, not served, a server error); the evidence says why.</summary>
    CannotCheck,
}
