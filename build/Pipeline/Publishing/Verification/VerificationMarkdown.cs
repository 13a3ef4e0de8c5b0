using System.Text;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Operations.Verification;

namespace AssumeRolePipeline.Pipeline.Publishing.Verification;

/// <summary>
/// The proof as GitHub-flavoured Markdown, for the job summary and the PR comment: a heading with the
/// verdict, a table with a row per claim, and what is not proven. The evidence is masked already; here
/// it only loses any Markdown or HTML meaning, so an AWS message cannot break the table or the comment.
/// </summary>
public static partial class VerificationMarkdown
{
    public static string Render(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var target = report.Target;
        var md = new StringBuilder();
        md.Append("### ").Append(report.Proven ? "✅" : "❌").Append(" Verify · ").Append(Text(target.Stack))
            .Append(" — least privilege ").Append(report.Proven ? "proven" : "not proven").Append("\n\n")
            .Append("With only the handed-off key, and the role ").Append(Text(target.RoleArn))
            .Append(", against the bucket ").Append(Text(target.BucketName)).Append(".\n\n")
            .Append("| Claim | Result | Evidence |\n| --- | --- | --- |\n");
        foreach (var claim in report.Claims)
        {
            md.Append("| ").Append(Text(claim.Claim))
                .Append(" | ").Append(Result(claim.Result))
                .Append(" | ").Append(Text(claim.Evidence)).Append(" |\n");
        }

        if (report.Failure is { } failure)
            md.Append("\n> **Not proven:** ").Append(Text(failure)).Append('\n');
        return md.ToString();
    }

    private static string Result(ClaimResult result) => result switch
    {
        ClaimResult.Holds => "✅ holds",
        ClaimResult.Fails => "❌ fails",
        _ => "⚠️ cannot check",
    };

    /// <summary>One line of plain text: Markdown and HTML punctuation escaped, a pipe no longer ends the cell.</summary>
    private static string Text(string value) =>
        MarkdownPunctuationPattern().Replace(value.Replace('\r', ' ').Replace('\n', ' '), @"\$0");

    [GeneratedRegex(@"[\\`*_\[\]<>#!~&|]")]
    private static partial Regex MarkdownPunctuationPattern();
}
