using System.Text;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;

/// <summary>
/// Appends <c>name&lt;&lt;DELIMITER</c> entries to the files GitHub reads after a step: <c>GITHUB_OUTPUT</c>
/// (step outputs) and <c>GITHUB_ENV</c> (environment of later steps). The multi-line form with a random
/// delimiter is used for every value, so no value can end its entry early and inject another variable.
/// </summary>
public sealed partial class EnvironmentFileWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private readonly Func<string> _delimiterFactory;

    /// <param name="path">The file GitHub named in <c>GITHUB_OUTPUT</c> or <c>GITHUB_ENV</c>.</param>
    /// <param name="delimiterFactory">A new delimiter per entry; <see cref="NewDelimiter"/> unless a test fixes it.</param>
    public EnvironmentFileWriter(string path, Func<string>? delimiterFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _delimiterFactory = delimiterFactory ?? NewDelimiter;
    }

    /// <summary>The delimiter GitHub's own toolkit uses: unguessable, so a value cannot contain it by design.</summary>
    public static string NewDelimiter() => $"ghadelimiter_{Guid.NewGuid()}";

    /// <summary>Appends one entry. Refuses (without repeating the value) anything that could inject another.</summary>
    public void Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name for an output or environment variable: use letters, digits, _ and -, " +
                "starting with a letter or _.", nameof(name));
        }

        // The runner ignores NODE_OPTIONS from GITHUB_ENV (it would let a step inject code into every action).
        if (string.Equals(name, "NODE_OPTIONS", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("NODE_OPTIONS cannot be set through GitHub's environment files.", nameof(name));

        var delimiter = _delimiterFactory();
        if (string.IsNullOrEmpty(delimiter) || delimiter.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new InvalidOperationException("The delimiter factory returned an empty delimiter or one with a line break.");
        if (name.Contains(delimiter, StringComparison.Ordinal))
            throw new ArgumentException($"The name '{name}' contains the entry's delimiter.", nameof(name));
        if (value.Contains(delimiter, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The value for '{name}' contains the entry's delimiter, which would let it set other variables; " +
                "it was not written (the value is not shown here).", nameof(value));
        }

        File.AppendAllText(_path, $"{name}<<{delimiter}\n{value}\n{delimiter}\n", Utf8NoBom);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*\z")]
    private static partial Regex NamePattern();
}
