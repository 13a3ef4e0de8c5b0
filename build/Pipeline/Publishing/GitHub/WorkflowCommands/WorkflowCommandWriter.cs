using System.Text;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

/// <summary>
/// Writes GitHub Actions workflow commands (<c>::name key=value::data</c>) to the job log.
/// Each command is flushed at once: the runner acts on a line only when it reads it, and a mask has to be
/// in force before the value it hides can reach the log.
/// </summary>
public sealed class WorkflowCommandWriter
{
    private readonly TextWriter _output;

    public WorkflowCommandWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>
    /// Tells the runner to replace <paramref name="value"/> with <c>***</c> in everything printed after this.
    /// The runner masks line by line, so a multi-line value is registered one line at a time.
    /// </summary>
    public void AddMask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var line in value.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            // Masking a blank line would replace every run of spaces in the log with ***.
            if (!string.IsNullOrWhiteSpace(trimmed))
                Write("add-mask", [], trimmed);
        }
    }

    public void Error(string message, string? title = null, string? file = null, int? line = null) =>
        Annotate("error", message, title, file, line);

    public void Warning(string message, string? title = null, string? file = null, int? line = null) =>
        Annotate("warning", message, title, file, line);

    public void Notice(string message, string? title = null, string? file = null, int? line = null) =>
        Annotate("notice", message, title, file, line);

    /// <summary>Starts a foldable group in the log; everything up to <see cref="EndGroup"/> folds under its name.</summary>
    public void Group(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Write("group", [], name);
    }

    public void EndGroup() => Write("endgroup", [], string.Empty);

    /// <summary>Escapes a command's data: without it a line break would end the command early.</summary>
    internal static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a property value: <c>:</c> and <c>,</c> would otherwise end the property list.</summary>
    internal static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);

    private void Annotate(string command, string message, string? title, string? file, int? line)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (line is < 1)
            throw new ArgumentOutOfRangeException(nameof(line), line, "Line numbers start at 1.");
        var properties = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(file))
            properties.Add(new("file", file));
        if (line is { } number)
            properties.Add(new("line", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(title))
            properties.Add(new("title", title));
        Write(command, properties, message);
    }

    private void Write(string command, IReadOnlyList<KeyValuePair<string, string>> properties, string data)
    {
        var text = new StringBuilder("::").Append(command);
        for (var i = 0; i < properties.Count; i++)
        {
            text.Append(i == 0 ? ' ' : ',')
                .Append(properties[i].Key).Append('=').Append(EscapeProperty(properties[i].Value));
        }

        // "\n", not WriteLine: the runner splits on LF, whatever the writer's NewLine is.
        text.Append("::").Append(EscapeData(data)).Append('\n');
        _output.Write(text.ToString());
        _output.Flush();
    }
}
