using System.Text;
using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>The pieces of YAML text the caller workflow templates insert: scalars that read back as the same string, and wrapped comments.</summary>
internal static partial class WorkflowText
{
    /// <summary>Where the prose comments the templates fill in wrap, indentation and <c>#</c> included (the committed files' width).</summary>
    public const int CommentWidth = 104;

    /// <summary>YAML 1.1 and 1.2 words a plain scalar would read as a boolean or null rather than as the name.</summary>
    private static readonly string[] YamlKeywords = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

    /// <summary>
    /// <paramref name="value"/> as a YAML scalar that reads back as the same string: plain when it is a plain word (<c>dev</c>,
    /// <c>aws-prod-preview</c>), else single-quoted, so <c>1.0</c>, <c>true</c> or an environment with a space or a <c>#</c>
    /// stays a string.
    /// </summary>
    public static string Scalar(string value) =>
        PlainWord().IsMatch(value) && !IsYamlKeyword(value) ? value : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public static bool IsYamlKeyword(string value) => YamlKeywords.Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="prose"/> (its line breaks are spaces) as comment lines of at most <see cref="CommentWidth"/> columns,
    /// each starting with <paramref name="indent"/> and <c>#</c>; a word longer than that gets a line of its own. No final line break.
    /// </summary>
    public static string Comment(string indent, string prose)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in prose.Split([' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > CommentWidth)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            if (line.Length == 0)
                line.Append(indent).Append('#');
            line.Append(' ').Append(word);
        }

        if (line.Length > 0)
            lines.Add(line.ToString());
        return string.Join('\n', lines);
    }

    /// <summary>Names joined as prose: <c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public static string Words(IReadOnlyList<string> words) => words.Count switch
    {
        0 => "",
        1 => words[0],
        _ => $"{string.Join(", ", words.Take(words.Count - 1))} and {words[^1]}",
    };

    /// <summary>LF line endings whatever the template's source file has, and exactly one final line break.</summary>
    public static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_./-]*\z")]
    private static partial Regex PlainWord();
}
