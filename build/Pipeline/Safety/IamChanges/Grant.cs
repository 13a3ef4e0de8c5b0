namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// The unit of comparison: one principal may (or may not) do one action on one resource under a set of
/// conditions. A statement is the cross product of its lists; a <c>Not</c> list stays one term. For
/// attachments, memberships and exclusive lists the effect is null: the identity (<see cref="Who"/>) gets
/// the policy or group (<see cref="What"/>).
/// </summary>
internal sealed record Grant(IamEffect? Effect, Term Who, Term What, Term On, ConditionSet Conditions)
{
    public bool HasUnknown => Who.IsUnknown || What.IsUnknown || On.IsUnknown || Conditions.HasUnknown;
}
