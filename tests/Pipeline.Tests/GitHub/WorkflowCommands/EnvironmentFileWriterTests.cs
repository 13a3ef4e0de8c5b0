using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.WorkflowCommands;

public sealed class EnvironmentFileWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"github-output-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_path);

    private string Written => File.Exists(_path) ? File.ReadAllText(_path) : string.Empty;

    [Fact]
    public void Appends_each_value_in_the_multi_line_form_with_its_own_delimiter()
    {
        var delimiters = new Queue<string>(["D1", "D2"]);
        var file = new EnvironmentFileWriter(_path, delimiters.Dequeue);

        file.Set("access-key-id", "AKIAIOSFODNN7EXAMPLE");
        file.Set("NOTE", "two\nlines");

        Assert.Equal("access-key-id<<D1\nAKIAIOSFODNN7EXAMPLE\nD1\nNOTE<<D2\ntwo\nlines\nD2\n", Written);
    }

    [Fact]
    public void The_default_delimiter_is_random_per_entry()
    {
        var first = EnvironmentFileWriter.NewDelimiter();
        var second = EnvironmentFileWriter.NewDelimiter();

        Assert.StartsWith("ghadelimiter_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(first.Length > "ghadelimiter_".Length + 30);
    }

    [Fact]
    public void Refuses_a_value_that_contains_the_delimiter_without_repeating_the_value()
    {
        var file = new EnvironmentFileWriter(_path, () => "EOF");
        const string value = "harmless\nEOF\nAWS_SECRET_ACCESS_KEY=injected-secret-value";

        var error = Assert.Throws<ArgumentException>(() => file.Set("report", value));

        Assert.Contains("delimiter", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("injected-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Written);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("has space")]
    [InlineData("name<<EOF")]
    [InlineData("line\nbreak")]
    [InlineData("NODE_OPTIONS")]
    [InlineData("node_options")]
    public void Refuses_an_empty_invalid_or_forbidden_name(string name)
    {
        var file = new EnvironmentFileWriter(_path);

        Assert.Throws<ArgumentException>(() => file.Set(name, "value"));
        Assert.Equal(string.Empty, Written);
    }

    [Fact]
    public void Refuses_a_name_that_contains_the_delimiter()
    {
        var file = new EnvironmentFileWriter(_path, () => "OUT");

        Assert.Throws<ArgumentException>(() => file.Set("ROUTE", "x"));
    }
}
