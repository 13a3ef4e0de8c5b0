using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.WorkflowCommands;

public sealed class WorkflowCommandWriterTests
{
    private readonly StringWriter _output = new();
    private readonly WorkflowCommandWriter _commands;

    public WorkflowCommandWriterTests() => _commands = new WorkflowCommandWriter(_output);

    private string[] Lines => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Masks_each_line_of_a_multi_line_value_separately()
    {
        _commands.AddMask("-----BEGIN KEY-----\r\nc2VjcmV0\n\n-----END KEY-----");

        Assert.Equal(
            ["::add-mask::-----BEGIN KEY-----", "::add-mask::c2VjcmV0", "::add-mask::-----END KEY-----"],
            Lines);
    }

    [Fact]
    public void A_mask_is_on_the_log_before_anything_written_after_it()
    {
        var log = new StringWriter();
        var commands = new WorkflowCommandWriter(log);

        commands.AddMask("s3cr3t-value");
        log.Write("using s3cr3t-value\n");

        Assert.StartsWith("::add-mask::s3cr3t-value\n", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_percent_and_line_breaks_in_a_mask_so_the_runner_reads_the_same_value()
    {
        _commands.AddMask("100%");

        Assert.Equal(["::add-mask::100%25"], Lines);
    }

    [Fact]
    public void Does_not_mask_blank_lines_which_would_garble_the_whole_log()
    {
        _commands.AddMask("  \n\t");

        Assert.Empty(Lines);
    }

    [Fact]
    public void Writes_an_error_annotation_with_escaped_properties_and_message()
    {
        _commands.Error("line one\nline two: 100%", title: "Deploy, create-role: failed", file: "stacks/a.cs", line: 12);

        Assert.Equal(
            ["::error file=stacks/a.cs,line=12,title=Deploy%2C create-role%3A failed::line one%0Aline two: 100%25"],
            Lines);
    }

    [Fact]
    public void Writes_warnings_and_notices_without_properties_when_none_are_given()
    {
        _commands.Warning("careful");
        _commands.Notice("fyi", title: "Hand-off");

        Assert.Equal(["::warning::careful", "::notice title=Hand-off::fyi"], Lines);
    }

    [Fact]
    public void A_message_cannot_start_a_second_command()
    {
        _commands.Notice("done\n::add-mask::nothing");

        Assert.Single(Lines);
    }

    [Fact]
    public void Groups_fold_the_lines_between_group_and_endgroup()
    {
        _commands.Group("pulumi preview: create-role");
        _commands.EndGroup();

        Assert.Equal(["::group::pulumi preview: create-role", "::endgroup::"], Lines);
    }

    [Fact]
    public void Refuses_a_line_number_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _commands.Error("x", line: 0));
    }
}
