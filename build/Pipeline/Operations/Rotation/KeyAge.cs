using System.Globalization;

namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary>How old create-role's access key is, read from its <c>accessKeyCreated</c> output (RFC 3339).</summary>
public static class KeyAge
{
    /// <summary>Past this, the summaries of Up and Preview warn that the key is due for rotation.</summary>
    public static readonly TimeSpan WarningAge = TimeSpan.FromDays(90);

    /// <summary>The creation time, or null where there is none (a stack deployed before it was exported) or it is no date.</summary>
    public static DateTimeOffset? Parse(string? created) =>
        DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    /// <summary>An age in whole days, as a reader counts them.</summary>
    public static string Describe(TimeSpan age) => Math.Max(0, (int)age.TotalDays) switch
    {
        0 => "less than a day old",
        1 => "1 day old",
        var days => string.Create(CultureInfo.InvariantCulture, $"{days} days old"),
    };

    public static string Days(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days");
}
