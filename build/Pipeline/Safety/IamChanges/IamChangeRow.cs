using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// Who can (or can no longer) do what on what, and under which conditions. For attachments, memberships and
/// exclusive lists there is no effect: <see cref="What"/> is the policy or group, <see cref="On"/> is empty.
/// </summary>
/// <param name="Who">Principals (trust and bucket policies) or the identity that holds the policy.</param>
/// <param name="What">Actions; or the attached policy, the group, the kept policy name.</param>
/// <param name="On">Resources; empty where the policy names none (a trust policy is about its own role).</param>
/// <param name="Conditions">All must hold for the row to apply; empty when unconditional.</param>
public sealed record IamChangeRow(
    IamRowChange Change,
    IamEffect? Effect,
    ImmutableArray<IamValue> Who,
    ImmutableArray<IamValue> What,
    ImmutableArray<IamValue> On,
    ImmutableArray<IamCondition> Conditions,
    IamBroadening Broadening)
{
    public bool HasUnknown =>
        Who.Concat(What).Concat(On).Concat(Conditions.SelectMany(c => c.Values)).Any(v => v.IsUnknown);
}
