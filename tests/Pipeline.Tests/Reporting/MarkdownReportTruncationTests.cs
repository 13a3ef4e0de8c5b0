using AssumeRolePipeline.Pipeline.Publishing.Reporting;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class MarkdownReportTruncationTests
{
    [Fact]
    public void Leaves_text_that_fits_alone()
    {
        Assert.Equal("short\n", MarkdownReportTruncation.Cut("short\n", 100));
    }

    [Fact]
    public void Cuts_on_a_line_end_and_closes_an_open_fence_and_details()
    {
        var markdown = "<details><summary>log</summary>\n\n````text\n" + string.Concat(Enumerable.Repeat("line\n", 100)) + "````\n</details>\n";

        var cut = MarkdownReportTruncation.Cut(markdown, 120);

        Assert.True(cut.Length <= 120);
        Assert.EndsWith("line\n````\n\n</details>\n", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_bytes_when_asked_to()
    {
        var markdown = string.Concat(Enumerable.Repeat("ééééé\n", 100));

        var cut = MarkdownReportTruncation.CutToBytes(markdown, 100);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(cut) <= 100);
        Assert.Equal(9, cut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
