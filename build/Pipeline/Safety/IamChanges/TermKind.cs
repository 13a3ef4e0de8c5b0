namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

internal enum TermKind
{
    /// <summary>A principal, an action or resource pattern, an identity, a policy or group name.</summary>
    Value,

    /// <summary>A whole <c>NotPrincipal</c>/<c>NotAction</c>/<c>NotResource</c> list: everything except its members.</summary>
    Not,

    /// <summary>The statement names none (no <c>Resource</c> in a trust policy, no <c>Principal</c> in an identity policy).</summary>
    None,

    /// <summary>Known only after the update.</summary>
    Unknown,

    /// <summary>A secret: never shown, never compared by value.</summary>
    Secret,
}
