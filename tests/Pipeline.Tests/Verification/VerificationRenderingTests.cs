using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Publishing.Verification;
using Markdig;
using Markdig.Syntax;
using Spectre.Console;
using static AssumeRolePipeline.Pipeline.Operations.Verification.LeastPrivilegeVerifier;
using MarkdownTable = Markdig.Extensions.Tables.Table;
using MarkdownTableRow = Markdig.Extensions.Tables.TableRow;

namespace AssumeRolePipeline.Pipeline.Tests.Verification;

public sealed class VerificationRenderingTests
{
    private static readonly MarkdownPipeline GitHubFlavour = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>One row of each kind, with evidence that would break Markdown or Spectre markup if it were not escaped.</summary>
    internal static VerificationReport Report() => new(LeastPrivilegeVerifierTests.Target,
    [
        new(KeyIsCreateRolesUser, "sts:GetCallerIdentity with AKIAIOSFODNN7EXAMPLE: 405 MethodNotAllowed; STS did not say whose key it is", ClaimResult.CannotCheck),
        new(KeyCannotListBuckets, "s3:ListBuckets with AKIAIOSFODNN7EXAMPLE: 403 AccessDenied: User: arn:aws:iam::123456789012:user/assume-role-pipeline-dev is not authorized", ClaimResult.Holds),
        new(KeyCannotReadBucket, "s3:ListObjectsV2 of bucket-9f8e7d succeeded (1 keys listed): the key has S3 rights of its own", ClaimResult.Fails),
        new(KeyAssumesRole, "sts:AssumeRole: session arn:aws:sts::123456789012:assumed-role/allow-s3-management-1a2b3c/assume-role-dev", ClaimResult.Holds),
        new(SessionReadsBucket, "s3:HeadBucket: 503 SlowDown: a | pipe, [red]markup[/], <details> and `ticks`", ClaimResult.CannotCheck),
    ]);

    private static string Console(VerificationReport report)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        VerificationConsoleReport.Write(console, report);
        return writer.ToString();
    }

    [Fact]
    public void The_console_shows_a_row_per_claim_with_its_result_and_evidence_and_what_is_not_proven()
    {
        var text = Console(Report());

        Assert.Contains("Verify dev: least privilege NOT proven", text, StringComparison.Ordinal);
        Assert.Matches($@"{Regex.Escape(KeyCannotListBuckets)}\s*│\s*holds\s*│\s*s3:ListBuckets with AKIAIOSFODNN7EXAMPLE: 403 AccessDenied", text);
        Assert.Matches($@"{Regex.Escape(KeyCannotReadBucket)}\s*│\s*fails\s*│", text);
        Assert.Matches($@"{Regex.Escape(KeyIsCreateRolesUser)}\s*│\s*cannot check\s*│\s*sts:GetCallerIdentity", text);
        Assert.Contains("[red]markup[/]", text, StringComparison.Ordinal); // shown as text, not taken as markup
        Assert.Contains($"false: '{KeyCannotReadBucket}'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_says_proven_when_every_claim_holds()
    {
        var report = Report() with { Claims = [.. Report().Claims.Select(c => c with { Result = ClaimResult.Holds })] };

        var text = Console(report);

        Assert.Contains("Verify dev: least privilege proven", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not proven", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_Markdown_is_one_table_with_a_row_per_claim_that_no_evidence_can_break()
    {
        var markdown = VerificationMarkdown.Render(Report());

        var document = Markdown.Parse(markdown, GitHubFlavour);
        Assert.StartsWith("### ❌ Verify · dev — least privilege not proven\n", markdown, StringComparison.Ordinal);
        var table = Assert.Single(document.Descendants<MarkdownTable>());
        var rows = table.Cast<MarkdownTableRow>().ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal(3, row.Count));
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Contains(@"| The key alone cannot read the bucket | ❌ fails |", markdown, StringComparison.Ordinal);
        Assert.Contains(@"| ⚠️ cannot check | s3:HeadBucket: 503 SlowDown: a \| pipe, \[red\]markup\[/\], \<details\> and \`ticks\` |", markdown, StringComparison.Ordinal);
        Assert.Contains("> **Not proven:** Least privilege of dev is not proven; false:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Markdown_names_the_role_and_bucket_it_checked()
    {
        var markdown = VerificationMarkdown.Render(Report() with { Claims = [.. Report().Claims.Select(c => c with { Result = ClaimResult.Holds })] });

        Assert.StartsWith("### ✅ Verify · dev — least privilege proven\n", markdown, StringComparison.Ordinal);
        Assert.Contains($"the role {LeastPrivilegeVerifierTests.RoleArn}, against the bucket bucket-9f8e7d", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Not proven", markdown, StringComparison.Ordinal);
    }
}
