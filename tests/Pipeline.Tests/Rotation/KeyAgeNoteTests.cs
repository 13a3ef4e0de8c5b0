using System.Globalization;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Rotation;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Rotation;

public sealed class KeyAgeNoteTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T00:00:00Z", CultureInfo.InvariantCulture);
    private readonly PipelineFixture _fixture = new();

    private async Task<PipelineRun> UpWithKeyCreatedAsync(string? created)
    {
        _fixture.Stacks.AccessKeyCreated = created;
        return await _fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);
    }

    [Fact]
    public async Task Up_shows_the_keys_age_next_to_create_roles_outputs()
    {
        var (run, warning) = KeyAgeNote.Annotate(await UpWithKeyCreatedAsync("2026-05-20T08:00:00Z"), Now);

        Assert.Null(warning);
        var createRole = run.Reports[0];
        Assert.Equal($"{InMemoryStackOperator.AccessKeyId} is 11 days old (created 2026-05-20).", createRole.Note);
        Assert.Contains(createRole.Outputs, o => o is { Name: "accessKeyCreated", Value: "2026-05-20T08:00:00Z", IsSecret: false });
        Assert.Null(run.Reports[1].Note);
        Assert.Contains($"{InMemoryStackOperator.AccessKeyId} is 11 days old", Console(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_creation_date_is_the_UTC_date_in_ISO_8601_whatever_the_culture()
    {
        var up = await UpWithKeyCreatedAsync("2026-05-20T23:30:00-02:00");
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("th-TH"); // Buddhist calendar: 2026 is 2569
        try
        {
            var (run, _) = KeyAgeNote.Annotate(up, Now);

            Assert.Equal($"{InMemoryStackOperator.AccessKeyId} is 10 days old (created 2026-05-21).", run.Reports[0].Note);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task A_key_past_90_days_is_a_warning_in_the_summary_the_job_summary_and_the_comment()
    {
        var (run, warning) = KeyAgeNote.Annotate(await UpWithKeyCreatedAsync("2026-03-02T23:00:00Z"), Now);

        Assert.Equal($"Warning: the access key {InMemoryStackOperator.AccessKeyId} is 90 days old, past 90 days: rotate it with " +
                     "'./build.sh RotateKey' (or the key rotation workflow).", warning);
        Assert.Equal(warning, run.Reports[0].Note);
        Assert.Contains("Warning: the access key", Console(run), StringComparison.Ordinal);
        Assert.Contains("> **Note:** Warning: the access key", MarkdownReport.Render(run.Reports[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exactly_90_days_is_not_yet_past_them()
    {
        var (_, warning) = KeyAgeNote.Annotate(await UpWithKeyCreatedAsync("2026-03-03T00:00:00Z"), Now);

        Assert.Null(warning);
    }

    [Fact]
    public async Task A_stack_deployed_before_the_date_was_exported_gets_no_note()
    {
        var up = await UpWithKeyCreatedAsync(null);

        var (run, warning) = KeyAgeNote.Annotate(up, Now);

        Assert.Null(warning);
        Assert.All(run.Reports.Zip(up.Reports), pair => Assert.Same(pair.Second, pair.First));
    }

    [Fact]
    public async Task A_preview_reports_the_age_of_the_key_in_place()
    {
        _fixture.Stacks.AccessKeyCreated = "2025-12-01T00:00:00Z";
        _fixture.Stacks.Deploy(CreateRoleContract.ProjectName);

        var (run, warning) = KeyAgeNote.Annotate(await _fixture.Pipeline.PreviewAsync(PipelineFixture.Settings, CancellationToken.None), Now);

        Assert.NotNull(warning);
        Assert.Contains("182 days old", run.Reports[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_report_keeps_its_note_alone()
    {
        var failed = new StackReport(CreateRoleContract.ProjectName, "dev", StackOperation.Up, StackOutcome.Failed,
            System.Collections.Immutable.ImmutableDictionary<ChangeKind, int>.Empty, [],
            [ReportedOutput.Of(CreateRoleContract.AccessKeyCreatedOutput, "2020-01-01T00:00:00Z", false)], "", TimeSpan.Zero, "up failed: x");

        var (run, warning) = KeyAgeNote.Annotate(new PipelineRun(StackOperation.Up, [new StageResult(failed)]), Now);

        Assert.Null(warning);
        Assert.Equal("up failed: x", run.Reports[0].Note);
    }

    private static string Console(PipelineRun run)
    {
        var terminal = new StringWriter();
        ConsoleSummary.Write(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal) }), run);
        return terminal.ToString().ReplaceLineEndings(" ");
    }
}
