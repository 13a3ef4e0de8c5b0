using System.Collections.Immutable;
using System.Text.Json;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using static AssumeRolePipeline.Pipeline.Tests.Reporting.WholeValueRendering;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class ConsoleSummaryWholeValueTests
{
    private const string Note = $"Gave up after 120 s: IAM still refused to let {KeyId} assume {Arn}; the run's log is at {Url} for the details.";

    private static PipelineRun Run()
    {
        // accessKeyCreated as the Automation API reads it from `stack output --json`: a DateTime, made text for the report.
        var reader = new Utf8JsonReader("\"2026-12-06T22:40:23Z\""u8);
        reader.Read();
        Assert.True(reader.TryGetDateTime(out var created));

        var createRole = new StackReport("create-role", Stack, StackOperation.Up, StackOutcome.Succeeded,
            ImmutableDictionary<ChangeKind, int>.Empty.Add(ChangeKind.Create, 5), [],
            [
                ReportedOutput.Of("roleArn", Arn, false), ReportedOutput.Of("accessKeyId", KeyId, false),
                ReportedOutput.Of("accessKeyCreated", ValueText.OfOutput(created), false), ReportedOutput.Of("runUrl", Url, false),
                ReportedOutput.Of("secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", true),
            ],
            "", TimeSpan.FromSeconds(41.2));
        var assumeRole = new StackReport("assume-role", Stack, StackOperation.Up, StackOutcome.Failed,
            ImmutableDictionary<ChangeKind, int>.Empty, [], [], "", TimeSpan.FromSeconds(120), Note);
        return new PipelineRun(StackOperation.Up, [new StageResult(createRole), new StageResult(assumeRole, Readiness: new(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(20), 7))]);
    }

    [Theory]
    [MemberData(nameof(Consoles), MemberType = typeof(WholeValueRendering))]
    public void Every_value_is_whole_on_one_line_next_to_its_name(string kind)
    {
        var (console, output) = Console(kind);

        ConsoleSummary.Write(console, Run());

        var lines = Lines(output);
        Assert.Contains(lines, l => l.Contains($"create-role/{Stack} roleArn = {Arn}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"create-role/{Stack} accessKeyId = {KeyId}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"create-role/{Stack} runUrl = {Url}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"create-role/{Stack} secretAccessKey = [secret]", StringComparison.Ordinal));
        Assert.Matches($@"create-role/{Stack}\s*│\s*succeeded\s*│\s*5\s*│", string.Join('\n', lines)); // the table's row, on one line
        Assert.Matches($@"assume-role/{Stack}\s*│\s*failed\s*│", string.Join('\n', lines));
        Assert.Contains(Note, Words(lines), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Consoles), MemberType = typeof(WholeValueRendering))]
    public void The_keys_creation_time_is_ISO_8601_in_UTC(string kind)
    {
        var (console, output) = Console(kind);

        ConsoleSummary.Write(console, Run());

        Assert.Contains(Lines(output), l => l.EndsWith($"create-role/{Stack} accessKeyCreated = 2026-12-06T22:40:23Z", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_stays_one_line_in_a_CI_log_and_wraps_between_words_at_a_known_width()
    {
        var (log, logOutput) = Console("ci-log");
        var (narrow, narrowOutput) = Console("COLUMNS=60");

        ConsoleSummary.Write(log, Run());
        ConsoleSummary.Write(narrow, Run());

        Assert.Contains(Lines(logOutput), l => l.EndsWith($"assume-role/{Stack}: {Note}", StringComparison.Ordinal));
        var wrapped = Lines(narrowOutput).SkipWhile(l => !l.StartsWith($"  assume-role/{Stack}: Gave up", StringComparison.Ordinal)).ToList();
        Assert.True(wrapped.Count > 2, "the note wraps at 60 columns");
        Assert.Contains(wrapped, l => l.Trim() == Arn + ";"); // a line of its own rather than folded
        Assert.All(wrapped.Where(l => !l.Contains(Arn, StringComparison.Ordinal) && !l.Contains(Url, StringComparison.Ordinal)), l => Assert.True(l.Length <= 60, l));
    }
}
