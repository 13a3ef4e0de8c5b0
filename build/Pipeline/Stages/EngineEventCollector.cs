using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// Everything the pipeline reads from one operation's engine events, fed by the adapter as they arrive: the resource
/// changes (names only), drift (a refresh reports it in two shapes, in a step's pre event or in its outputs event),
/// each step's old and new inputs for the IAM change review, and the policy pack's violations. The adapter passes what
/// an event carries, nulls included; every decision about it is made here.
/// </summary>
public sealed partial class EngineEventCollector
{
    private readonly ResourceChangeCollector _changes = new();
    private readonly DriftCollector _drift = new();
    private readonly Lock _lock = new();
    private readonly List<EngineStep> _steps = [];
    private readonly Action<PolicyViolation>? _onPolicyViolation;

    /// <param name="onPolicyViolation">Receives each violation as it arrives (the request's <see cref="StackRequest.OnPolicyViolation"/>).</param>
    public EngineEventCollector(Action<PolicyViolation>? onPolicyViolation = null) => _onPolicyViolation = onPolicyViolation;

    /// <summary>A step about to run (<c>ResourcePreEvent</c>); ignored when the event has none (<paramref name="operation"/> null).</summary>
    public void Step(string? operation, string? urn, string? type, ImmutableArray<string>? diffs, IEnumerable<string>? detailedDiffKeys,
        IReadOnlyDictionary<string, object>? oldInputs, IReadOnlyDictionary<string, object>? newInputs)
    {
        if (operation is null || urn is null || type is null)
            return;
        var names = Names(diffs);
        _changes.Add(operation, urn, type, names);
        _drift.Add(operation, urn, type, names, detailedDiffKeys);
        lock (_lock)
            _steps.Add(new EngineStep(operation, urn, type, oldInputs, newInputs));
    }

    /// <summary>
    /// A step's result (<c>ResourceOutputsEvent</c>); ignored when the event has none. A refresh that finds a resource
    /// gone reports it here with no new state (<paramref name="newState"/> null).
    /// </summary>
    public void Outcome(string? operation, string? urn, string? type, ImmutableArray<string>? diffs, IEnumerable<string>? detailedDiffKeys, object? newState)
    {
        if (operation is null || urn is null || type is null)
            return;
        _drift.Add(operation, urn, type, Names(diffs), detailedDiffKeys, gone: operation == "Refresh" && newState is null);
    }

    /// <summary>The engine's summary (<c>SummaryEvent.ResourceChanges</c>); ignored when the event has none.</summary>
    public void Summary<TOperation>(IEnumerable<KeyValuePair<TOperation, int>>? resourceChanges)
        where TOperation : notnull
    {
        if (resourceChanges is not null)
            _drift.AddSummary(resourceChanges);
    }

    /// <summary>
    /// A policy violation (<c>PolicyEvent</c>); ignored when the event has none (<paramref name="policyName"/> null).
    /// The engine's message may carry colour directives and a header line: it is reduced to one plain line.
    /// </summary>
    /// <param name="enforcementLevel">The engine's level: <c>mandatory</c> fails the operation; <c>advisory</c>, <c>warning</c> do not.</param>
    public void Policy(string? resourceUrn, string? message, string? policyName, string? enforcementLevel)
    {
        if (policyName is null)
            return;
        var resource = ResourceUrn.NameOf(resourceUrn) ?? "the stack";
        var text = WhitespacePattern().Replace(ColorPattern().Replace(message ?? string.Empty, string.Empty), " ").Trim();
        _onPolicyViolation?.Invoke(new PolicyViolation(policyName, resource, text.Length > 0 ? text : "no message",
            string.Equals(enforcementLevel, "mandatory", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The operation's result: its outcome with the changes and, for a drift check or refresh, the drift found.</summary>
    public StackOperationResult Result(StackOperation operation, OperationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_lock)
        {
            return new StackOperationResult(outcome.Counts, _changes.ToImmutable(), outcome.Outputs, outcome.Log)
            {
                Drift = operation is StackOperation.Drift or StackOperation.Refresh ? _drift.ToFindings() : null,
                Steps = [.. _steps],
            };
        }
    }

    // Pulumi's colour directives (<{%fg 1%}>, <{%reset%}>) and ANSI escape sequences.
    [GeneratedRegex(@"<\{%[^%]*%\}>|\u001b\[[0-9;]*[A-Za-z]")]
    private static partial Regex ColorPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    /// <summary>A step's property names; a default array (never filled in) as none.</summary>
    private static ImmutableArray<string>? Names(ImmutableArray<string>? names) => names is { IsDefault: false } filled ? filled : null;
}
