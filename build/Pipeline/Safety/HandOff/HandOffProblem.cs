namespace AssumeRolePipeline.Pipeline.Safety.HandOff;

/// <summary>Why the unprivileged job cannot use the handed-off credentials.</summary>
public enum HandOffProblem
{
    /// <summary>No hand-off yet: the privileged job has never written the secrets (or they were removed).</summary>
    Missing,

    /// <summary>The secrets predate the privileged job of this run: it created a different access key.</summary>
    Stale,

    /// <summary>A secret is there but breaks its rule.</summary>
    Malformed,

    /// <summary>
    /// The secrets do not belong together: some are empty, or the fingerprint does not match the others
    /// (a deploy writing them right now, an interrupted removal, or values left from different hand-offs).
    /// </summary>
    Partial,
}
