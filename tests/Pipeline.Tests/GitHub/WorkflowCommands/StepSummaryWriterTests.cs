using System.Text;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.WorkflowCommands;

public sealed class StepSummaryWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"step-summary-{Guid.NewGuid():N}.md");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Appends_markdown_that_fits()
    {
        var summary = new StepSummaryWriter(_path);

        Assert.True(summary.Append("## create-role\n"));
        Assert.True(summary.Append("ok\n"));

        Assert.Equal("## create-role\nok\n", File.ReadAllText(_path));
    }

    [Fact]
    public void Never_grows_the_file_past_one_MiB_and_says_so_visibly()
    {
        var summary = new StepSummaryWriter(_path);
        var line = new string('é', 99) + "\n"; // two bytes per é: counts bytes, not characters

        Assert.True(summary.Append(line));
        Assert.False(summary.Append(string.Concat(Enumerable.Repeat(line, 10_000))));
        Assert.False(summary.Append("more after the cap\n"));

        var bytes = new FileInfo(_path).Length;
        var text = File.ReadAllText(_path);
        Assert.InRange(bytes, StepSummaryWriter.MaxBytes - 1024, StepSummaryWriter.MaxBytes);
        Assert.EndsWith("The job log has the full output.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more after the cap", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_inside_a_code_block_closes_it_so_the_note_renders()
    {
        File.WriteAllText(_path, new string('x', StepSummaryWriter.MaxBytes - 500), new UTF8Encoding(false));
        var summary = new StepSummaryWriter(_path);
        var log = "```text\n" + string.Concat(Enumerable.Repeat("log line\n", 200));

        summary.Append(log);

        var appended = File.ReadAllText(_path)[(StepSummaryWriter.MaxBytes - 500)..];
        Assert.Contains("```\n\n\n> [!WARNING]", appended, StringComparison.Ordinal);
        Assert.True(new FileInfo(_path).Length <= StepSummaryWriter.MaxBytes);
    }
}
