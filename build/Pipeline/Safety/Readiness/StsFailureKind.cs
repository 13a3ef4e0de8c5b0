namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

/// <summary>What a failed STS call means for the wait.</summary>
public enum StsFailureKind
{
    /// <summary>IAM has not propagated the new key or trust policy yet: wait.</summary>
    NotYetPropagated,

    /// <summary>Throttling, a 5xx answer, a network error or a timeout: try again.</summary>
    Transient,

    /// <summary><c>SignatureDoesNotMatch</c>: the secret does not belong to the key id; waiting cannot fix it.</summary>
    WrongSecret,

    /// <summary>Any other refusal, or a client-side error of the SDK: final at once.</summary>
    Final,
}
