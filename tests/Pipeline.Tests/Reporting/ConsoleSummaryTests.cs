using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class ConsoleSummaryTests
{
    private static async Task<string> SummaryOfUpAsync(PipelineFixture fixture)
    {
        var run = await fixture.Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 160;
        ConsoleSummary.Write(console, run);
        return writer.ToString();
    }

    [Fact]
    public async Task Shows_each_stack_its_changes_its_outputs_and_the_IAM_wait()
    {
        var text = await SummaryOfUpAsync(new PipelineFixture());

        Assert.Contains("Up: succeeded", text, StringComparison.Ordinal);
        Assert.Matches(@"create-role/dev\s*│\s*succeeded\s*│\s*5\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*\d+\.\d s", text);
        Assert.Matches(@"assume-role/dev\s*│\s*succeeded\s*│\s*2\s*│", text);
        Assert.Contains($"roleArn = {InMemoryStackOperator.RoleArn}", text, StringComparison.Ordinal);
        Assert.Contains("bucketName = bucket-9f8e7d", text, StringComparison.Ordinal);
        Assert.Contains("IAM accepted the new key and role after 13.0 s (3 refusals waited out)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_the_secret_output_by_name_only()
    {
        var text = await SummaryOfUpAsync(new PipelineFixture());

        Assert.Contains("secretAccessKey = [secret]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_which_stage_failed_and_why()
    {
        var fixture = new PipelineFixture();
        fixture.Readiness.Refusal = "Gave up after 120s: [still refused]";

        var text = await SummaryOfUpAsync(fixture);

        Assert.Contains("Up: failed", text, StringComparison.Ordinal);
        Assert.Matches(@"assume-role/dev\s*│\s*failed", text);
        Assert.Contains("assume-role/dev: Gave up after 120s: [still refused]", text, StringComparison.Ordinal);
    }
}
