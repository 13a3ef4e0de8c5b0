using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Publishing.Verification;
using AssumeRolePipeline.Pipeline.Tests.Reporting;
using static AssumeRolePipeline.Pipeline.Operations.Verification.LeastPrivilegeVerifier;
using static AssumeRolePipeline.Pipeline.Tests.Reporting.WholeValueRendering;

namespace AssumeRolePipeline.Pipeline.Tests.Verification;

public sealed class VerificationConsoleWholeValueTests
{
    private const string Refused = $"sts:AssumeRole with {KeyId}: 403 AccessDenied: User is not authorized to perform sts:AssumeRole on {Arn} (see {Url})";

    private static VerificationReport Report() => VerificationRenderingTests.Report() with
    {
        Target = LeastPrivilegeVerifierTests.Target with { Stack = Stack },
        Claims = [.. VerificationRenderingTests.Report().Claims.Select(c => c.Claim == KeyAssumesRole ? c with { Evidence = Refused, Result = ClaimResult.Fails } : c)],
    };

    [Theory]
    [MemberData(nameof(Consoles), MemberType = typeof(WholeValueRendering))]
    public void An_ARN_key_id_and_URL_in_the_evidence_stay_whole_and_the_evidence_reads_as_written(string kind)
    {
        var (console, output) = Console(kind);

        VerificationConsoleReport.Write(console, Report());

        var lines = Lines(output);
        Assert.Contains(lines, l => l.Contains(Arn, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Url, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(KeyId, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Verify {Stack}:", StringComparison.Ordinal));
        Assert.Contains(Refused, Column(lines, 2), StringComparison.Ordinal);
        Assert.Contains(Report().Failure!, Words(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void At_a_known_width_the_claims_evidence_and_failure_wrap_between_words()
    {
        var (unbounded, unboundedOutput) = Console("ci-log");
        var (narrow, narrowOutput) = Console("COLUMNS=60");

        VerificationConsoleReport.Write(unbounded, Report());
        VerificationConsoleReport.Write(narrow, Report());

        var lines = Lines(narrowOutput);
        var table = lines.Where(l => l.StartsWith('│')).ToList();
        Assert.True(table[0].Length < Lines(unboundedOutput).First(l => l.StartsWith('│')).Length, "the table narrows towards 60 columns");
        Assert.Contains(Refused, Column(lines, 2), StringComparison.Ordinal);
        var failure = lines.SkipWhile(l => !l.StartsWith("Least privilege", StringComparison.Ordinal)).Where(l => l.Length > 0).ToList();
        Assert.True(failure.Count > 1, "the failure wraps");
        Assert.Contains(Report().Failure!, Words(failure), StringComparison.Ordinal);
        Assert.All(failure, l => Assert.True(l.Length <= 60 || !l.Trim().Contains(' ', StringComparison.Ordinal), $"'{l}' is wider than 60 and more than one word"));
    }
}
