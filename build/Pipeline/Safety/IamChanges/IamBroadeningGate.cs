namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// The local <c>Up</c>'s check: a preview that broadens IAM access, or may (a value known only after the
/// update is never guessed to be harmless), stops the run until a person who has read it says so.
/// </summary>
public static class IamBroadeningGate
{
    public const string AllowFlag = "--allow-iam-broadening";

    private const int ReasonsShown = 3;

    /// <param name="stack">How the stack is named to the user, e.g. <c>create-role/dev</c>.</param>
    public static IamGateDecision Decide(string stack, IEnumerable<IamResourceChange> changes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        ArgumentNullException.ThrowIfNull(changes);
        var flagged = changes.Where(c => c.Broadening != IamBroadening.No).OrderByDescending(c => c.Broadening).ToList();
        if (flagged.Count == 0)
            return new(RequiresAllowFlag: false, Message: null);

        var verb = flagged.Any(c => c.Broadens) ? "broadens" : "may broaden";
        var parts = string.Join("; ", flagged.Select(Part));
        return new(
            RequiresAllowFlag: true,
            $"{stack}: the preview {verb} IAM access ({parts}): review it, then run again with {AllowFlag}");
    }

    private static string Part(IamResourceChange change)
    {
        var reasons = change.Reasons.Take(ReasonsShown).ToList();
        var more = change.Reasons.Length - reasons.Count;
        var said = string.Join(", ", reasons) + (more > 0 ? $" and {more} more" : string.Empty);
        var subject = change.Kind is IamPolicyKind.Trust or IamPolicyKind.Permissions or IamPolicyKind.BucketPolicy
            ? change.Subject + " "
            : string.Empty;
        var maybe = change.Broadening == IamBroadening.Possibly ? "may broaden: " : string.Empty;
        return $"{change.TypeNoun} {change.Name}: {subject}{maybe}{said}";
    }
}
