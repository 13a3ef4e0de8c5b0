using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.IamChanges;
using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// The IAM change review of one preview: what its steps change in IAM (masked, then rendered for the report), and
/// whether the update that follows it may run without <c>--allow-iam-broadening</c>.
/// </summary>
/// <param name="Changes">The changes, every text masked; empty when nothing IAM changes or the review failed.</param>
/// <param name="Failure">Why the preview's steps could not be reviewed (masked); null when they were.</param>
/// <param name="FirstDeployment">The preview creates the stack itself: nothing is deployed yet.</param>
public sealed record IamReview(ImmutableArray<IamResourceChange> Changes, string? Failure, bool FirstDeployment)
{
    private const string StackType = "pulumi:pulumi:Stack";

    /// <summary>Reviews a preview's steps; every text that reaches the result has passed through <paramref name="masker"/>.</summary>
    public static IamReview Of(ImmutableArray<EngineStep> steps, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(masker);
        var firstDeployment = steps.Any(s => s.Type == StackType && s.Operation == "Create");
        try
        {
            var changes = IamChangeAnalyzer.Analyze(steps.Select(s => new IamStep(s.Urn, s.Type, s.Operation, Inputs(s.OldInputs), Inputs(s.NewInputs))));
            return new IamReview([.. changes.Select(c => Masked(c, masker))], null, firstDeployment);
        }
        catch (FormatException e)
        {
            return new IamReview([], masker.Redact(e.Message), firstDeployment);
        }
    }

    /// <summary>The section and lines the report carries; null when there is nothing to show.</summary>
    public ReportedIamChanges? Reported => Changes.IsEmpty
        ? null
        : new ReportedIamChanges(IamChangesMarkdown.Render(Changes), IamChangesConsole.Lines(Changes),
            Changes.Any(c => c.Broadening != IamBroadening.No));

    /// <summary>
    /// Why the update of <paramref name="stack"/> must not run without the flag; null when it may. A first deployment
    /// is not gated: it deploys the repository's policies as they are (its section still shows them), and there is no
    /// access yet that it could broaden.
    /// </summary>
    public string? Stops(string stack, bool allowIamBroadening)
    {
        if (allowIamBroadening || FirstDeployment)
            return null;
        if (Failure is not null)
            return $"{stack}: the preview's IAM changes could not be reviewed ({Failure}): review the preview, then run again with {IamBroadeningGate.AllowFlag}";
        return IamBroadeningGate.Decide(stack, Changes).Message;
    }

    private static Dictionary<string, object?>? Inputs(IReadOnlyDictionary<string, object>? inputs) =>
        inputs?.ToDictionary(i => i.Key, object? (i) => i.Value, StringComparer.Ordinal);

    private static IamResourceChange Masked(IamResourceChange change, SecretMasker masker)
    {
        ImmutableArray<IamValue> Values(ImmutableArray<IamValue> values) =>
            values.IsDefault ? values : [.. values.Select(v => v with { Text = masker.Redact(v.Text) })];

        return change with
        {
            Name = masker.Redact(change.Name),
            PolicyName = change.PolicyName is null ? null : masker.Redact(change.PolicyName),
            Reasons = change.Reasons.IsDefault ? change.Reasons : [.. change.Reasons.Select(masker.Redact)],
            Rows =
            [
                .. change.Rows.Select(row => row with
                {
                    Who = Values(row.Who),
                    What = Values(row.What),
                    On = Values(row.On),
                    Conditions = row.Conditions.IsDefault
                        ? row.Conditions
                        : [.. row.Conditions.Select(c => c with { Key = masker.Redact(c.Key), Values = Values(c.Values) })],
                }),
            ],
        };
    }
}
