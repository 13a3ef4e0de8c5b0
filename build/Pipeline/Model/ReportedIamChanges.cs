using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// A stack's IAM changes as its preview found them, already rendered and masked: the <c>### IAM changes</c> section of
/// its PR comment and job summary, and the console's lines. Rendered in the stages (the review is a Safety-layer
/// library the model may not import); the renderers place them.
/// </summary>
/// <param name="Markdown">The section, ending in a blank line.</param>
/// <param name="ConsoleLines">Plain lines (no markup) for the console.</param>
/// <param name="Broadens">Whether any change broadens IAM access, or may.</param>
public sealed record ReportedIamChanges(string Markdown, ImmutableArray<string> ConsoleLines, bool Broadens);
