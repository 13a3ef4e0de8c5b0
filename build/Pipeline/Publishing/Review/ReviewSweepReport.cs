using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Review;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Review;

/// <summary>
/// The review stacks as a table — name, pull request, age, resources, what the sweep does and why — for the console
/// (<c>ListReviewStacks</c>) and the sweep's job summary. Names, numbers and times only: nothing in it is secret.
/// Times in ISO 8601 (UTC); on the console a stack name is never broken over two lines.
/// </summary>
public static class ReviewSweepReport
{
    /// <summary>The stacks to destroy as a JSON array of names, the matrix the sweep workflow fans out over.</summary>
    public static string DestroyMatrix(IEnumerable<SweepDecision> decisions) =>
        JsonSerializer.Serialize(decisions.Where(d => d.Action == SweepAction.Destroy).Select(d => d.Stack.Name.QualifiedStack).ToArray());

    public static string Markdown(string heading, ImmutableArray<SweepDecision> decisions, DateTimeOffset now, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var text = new StringBuilder().Append("### ").AppendLine(heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Time to live: {ReviewSweep.Duration(timeToLive)}. {Counts(decisions)}").AppendLine();
        if (decisions.IsEmpty)
            return text.AppendLine("No review stacks in the state backend.").ToString();
        text.AppendLine("| stack | pull request | last update | resources | sweep | why |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var d in decisions)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{d.Stack.Name.Stack}` | #{d.Stack.Name.PullRequest} ({Status(d.PullRequest)}) | {Age(d.Stack, now)} | {Resources(d.Stack)} | **{Verb(d.Action)}** | {d.Reason} |");
        }

        return text.ToString();
    }

    public static void Write(IAnsiConsole console, ImmutableArray<SweepDecision> decisions, DateTimeOffset now, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLineBetweenWords($"[bold]Review stacks[/] (time to live {ReviewSweep.Duration(timeToLive)}). {Markup.Escape(Counts(decisions))}");
        if (decisions.IsEmpty)
        {
            console.WriteLine("No review stacks in the state backend.");
            return;
        }

        var table = new Table().AddColumns(
            new TableColumn("stack").NoWrap(), new TableColumn("pull request").NoWrap(), new TableColumn("last update"),
            new TableColumn("resources").NoWrap(), new TableColumn("sweep").NoWrap(), new TableColumn("why"));
        foreach (var d in decisions)
        {
            table.AddRow(Markup.Escape(d.Stack.Name.Stack), $"#{d.Stack.Name.PullRequest} ({Status(d.PullRequest)})", Markup.Escape(Age(d.Stack, now)),
                Resources(d.Stack), d.Action == SweepAction.Keep ? Verb(d.Action) : $"[yellow]{Verb(d.Action)}[/]", Markup.Escape(d.Reason));
        }

        console.WriteKeepingValuesWhole(table);
    }

    private static string Counts(ImmutableArray<SweepDecision> decisions) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{decisions.Length} review stack(s): {decisions.Count(d => d.Action == SweepAction.Destroy)} to destroy, " +
            $"{decisions.Count(d => d.Action == SweepAction.Remove)} to remove (already empty), {decisions.Count(d => d.Action == SweepAction.Keep)} kept.");

    private static string Verb(SweepAction action) => action switch
    {
        SweepAction.Destroy => "destroy",
        SweepAction.Remove => "remove",
        _ => "keep",
    };

    private static string Status(PullRequestStatus status) => status switch
    {
        PullRequestStatus.Unknown => "not asked",
        PullRequestStatus.Missing => "not found",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Age(ReviewStack stack, DateTimeOffset now) =>
        stack.LastUpdate is { } last
            ? $"{ValueText.Time(last)} ({ReviewSweep.Duration(now - last)} ago)"
            : "never";

    private static string Resources(ReviewStack stack) =>
        stack.ResourceCount?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
}
