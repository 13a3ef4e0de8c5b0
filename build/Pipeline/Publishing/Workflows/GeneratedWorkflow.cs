namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>One generated workflow: its file name in .github/workflows and its whole text (LF line endings, one final line break).</summary>
public sealed record GeneratedWorkflow(string FileName, string Text)
{
    /// <summary>Its path from the repository's root, with '/' as GitHub writes it.</summary>
    public string RelativePath => $"{CallerWorkflows.Folder}/{FileName}";

    /// <summary>
    /// Where <paramref name="committed"/> (the file's text; null when it does not exist) first differs from this one, as one
    /// line naming the file, the line and both texts; null when they are the same.
    /// </summary>
    public string? FirstDifference(string? committed)
    {
        if (committed == Text)
            return null;
        if (committed is null)
            return $"{RelativePath} does not exist";
        if (committed.Contains('\r', StringComparison.Ordinal))
            return $"{RelativePath} has CR line endings; the generated one has LF only";

        var expected = Text.Split('\n');
        var actual = committed.Split('\n');
        var line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line])
            line++;
        string Shown(string[] lines) => line < lines.Length ? $"'{lines[line]}'" : "the end of the file";
        return $"{RelativePath}, line {line + 1}: the generated file has {Shown(expected)}, the committed one {Shown(actual)}";
    }
}
