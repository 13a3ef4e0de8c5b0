using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Publishing.Verification;

/// <summary>
/// The proof in the terminal: a row per claim with its verdict and evidence, and what is not proven. Claims and
/// evidence wrap between words only, so an ARN or key id in the evidence stays whole.
/// </summary>
public static class VerificationConsoleReport
{
    public static void Write(IAnsiConsole console, VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var title = $"Verify {report.Target.Stack}: least privilege {(report.Proven ? "proven" : "NOT proven")}";
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumns(new TableColumn("Claim"), new TableColumn("Result").NoWrap(), new TableColumn("Evidence"));
        foreach (var claim in report.Claims)
            table.AddRow(Markup.Escape(claim.Claim), Result(claim.Result), Markup.Escape(claim.Evidence));
        console.WriteKeepingValuesWhole(table);
        if (report.Failure is { } failure)
            console.MarkupLineBetweenWords($"[red]{Markup.Escape(failure)}[/]");
    }

    private static string Result(ClaimResult result) => result switch
    {
        ClaimResult.Holds => "[green]holds[/]",
        ClaimResult.Fails => "[red]fails[/]",
        _ => "[yellow]cannot check[/]",
    };
}
