using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Publishing.Drift;

/// <summary>The words both drift renderers use, so the console and GitHub say the same thing.</summary>
internal static class DriftWords
{
    public static string Happened(DriftKind kind) => kind == DriftKind.DeletedOutOfBand ? "deleted out of band" : "changed out of band";

    public static string Resources(int count) => count == 1 ? "1 resource" : $"{count} resources";

    /// <summary>The one line a stack's report opens with.</summary>
    public static string Headline(StackReport report) => (report.Outcome, report.Operation) switch
    {
        (StackOutcome.Failed, StackOperation.Drift) => "drift check failed",
        (StackOutcome.Failed, StackOperation.Refresh) => "refresh failed",
        (StackOutcome.Failed, _) => "remediation failed",
        (StackOutcome.Skipped, _) => "skipped",
        (_, StackOperation.Drift) when report.Findings.HasDrift => $"drift found: {Resources(report.Findings.Count)} {(report.Findings.Count == 1 ? "differs" : "differ")} from the state",
        (_, StackOperation.Drift) => "no drift: the cloud matches the state",
        (_, StackOperation.Refresh) when report.Findings.HasDrift => $"refreshed: the state adopted {Resources(report.Findings.Count)} as found in the cloud",
        (_, StackOperation.Refresh) => "refreshed: the state already matched the cloud",
        _ when report.HasDrift => $"remediated: {Resources(report.Changes.Count(c => c.Kind != ChangeKind.Same))} brought back to the program",
        _ => "remediated: the cloud already matched the program",
    };

    /// <summary>What to do about drift a check found.</summary>
    public const string WhatToDo =
        "To bring the cloud back to the program run `./build.sh Remediate` (an update with refresh); to keep the " +
        "out-of-band change instead, put it in the program, or adopt it into the state with `./build.sh Refresh`.";

    public static string Change(ChangeKind kind) => kind switch
    {
        ChangeKind.Create => "re-created",
        ChangeKind.Update => "updated",
        ChangeKind.Replace => "replaced",
        ChangeKind.Delete => "deleted",
        _ => "unchanged",
    };
}
