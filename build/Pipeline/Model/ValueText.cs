using System.Globalization;
using System.Text.Json;

namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// Values as everything the pipeline prints shows them, whatever the machine's culture: dates and times in
/// ISO 8601 and UTC (<c>2026-12-06</c>, <c>2026-12-06T22:40:23Z</c>), numbers in invariant digits.
/// </summary>
public static class ValueText
{
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A moment to the second, in UTC.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A stack output's value, as the Automation API hands it over, as text. The API reads <c>stack output --json</c>
    /// with a converter that turns every string that looks like a date into a <see cref="DateTime"/> (UTC for a
    /// <c>Z</c>, local time for another offset, unspecified for none); <see cref="Convert.ToString(object?, IFormatProvider?)"/>
    /// would print <c>2026-12-06T22:40:23Z</c> back as <c>12/06/2026 22:40:23</c>. Arrays and objects come as lists
    /// and dictionaries and are shown as the JSON they were.
    /// </summary>
    public static string? OfOutput(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTime time => OfDateTime(time),
        DateTimeOffset time => OfDateTime(time.UtcDateTime),
        bool flag => flag ? "true" : "false", // as in the JSON, not .NET's "True"
        IConvertible scalar => scalar.ToString(CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    private static string OfDateTime(DateTime time) => time.Kind switch
    {
        // Fractions of a second only where the value had them: a whole second prints as yyyy-MM-ddTHH:mm:ssZ.
        DateTimeKind.Utc => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTimeKind.Local => OfDateTime(time.ToUniversalTime()),
        // No offset was given. A date alone ("2026-12-06") reads as its midnight: print it back as the date.
        _ when time.TimeOfDay == TimeSpan.Zero => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
    };
}
