using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// How one IAM declaration of one resource changes: a role's trust policy, one of its inline policies, a
/// role policy, a bucket policy, an attachment, a membership or an exclusive list.
/// </summary>
/// <param name="Name">The resource's logical name (the last <c>::</c> segment of its URN).</param>
/// <param name="Type">The Pulumi type token.</param>
/// <param name="PolicyName">The inline policy's name when a role carries several (<c>inlinePolicies</c>); else null.</param>
/// <param name="Rows">Broadening rows first, then those that may broaden, then the rest.</param>
/// <param name="Reasons">Short phrases saying why it (possibly) broadens, e.g. <c>adds principal *</c>; empty when it does not.</param>
public sealed record IamResourceChange(
    string Name,
    string Type,
    IamPolicyKind Kind,
    string? PolicyName,
    ImmutableArray<IamChangeRow> Rows,
    IamBroadening Broadening,
    ImmutableArray<string> Reasons)
{
    public bool Broadens => Broadening == IamBroadening.Yes;

    public bool HasUnknown => Rows.Any(row => row.HasUnknown);

    /// <summary>What the type is, in words: <c>aws:iam/rolePolicy:RolePolicy</c> → <c>role policy</c>.</summary>
    public string TypeNoun => IamWording.TypeNoun(Type);

    /// <summary>The declaration in words, e.g. <c>trust</c>, <c>policy</c>, <c>inline policy read-only</c>.</summary>
    public string Subject => IamWording.Subject(Kind, PolicyName);
}
