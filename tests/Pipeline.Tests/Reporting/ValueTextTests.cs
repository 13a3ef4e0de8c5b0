using System.Globalization;
using System.Text;
using System.Text.Json;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class ValueTextTests
{
    /// <summary>What Pulumi's Automation API hands over for a JSON string of <c>stack output --json</c>: it tries a date first.</summary>
    private static object AsTheAutomationApiReadsIt(string jsonString)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes($"\"{jsonString}\""));
        reader.Read();
        return reader.TryGetDateTime(out var time) ? time : reader.GetString()!;
    }

    /// <summary>Runs <paramref name="action"/> in a culture that writes dates day first, in another calendar and other digits.</summary>
    private static T InCulture<T>(string culture, Func<T> action)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("2026-12-06T22:40:23Z", "2026-12-06T22:40:23Z")] // accessKeyCreated as IAM reports it
    [InlineData("2026-12-06T23:40:23+01:00", "2026-12-06T22:40:23Z")] // the same moment, given with an offset
    [InlineData("2026-12-06T22:40:23.25Z", "2026-12-06T22:40:23.25Z")]
    [InlineData("2026-12-06", "2026-12-06")]
    [InlineData("2026-12-06T22:40:23", "2026-12-06T22:40:23")] // no offset given: none invented
    [InlineData("arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c", "arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c")]
    public void A_date_output_prints_as_ISO_8601_as_it_was_written_in_any_culture(string json, string expected)
    {
        var value = AsTheAutomationApiReadsIt(json);

        Assert.Equal(expected, InCulture("th-TH", () => ValueText.OfOutput(value)));
        Assert.Equal(expected, InCulture("en-US", () => ValueText.OfOutput(value)));
    }

    [Fact]
    public void Numbers_booleans_lists_and_objects_print_as_their_JSON()
    {
        Assert.Equal("1.5", InCulture("de-DE", () => ValueText.OfOutput(1.5)));
        Assert.Equal("3600", ValueText.OfOutput(3600L));
        Assert.Equal("true", ValueText.OfOutput(true));
        Assert.Equal("""["a",2]""", ValueText.OfOutput(new List<object> { "a", 2L }));
        Assert.Equal("""{"arn":"arn:aws:s3:::bucket"}""", ValueText.OfOutput(new Dictionary<string, object> { ["arn"] = "arn:aws:s3:::bucket" }));
        Assert.Null(ValueText.OfOutput(null));
    }

    [Fact]
    public void Dates_and_times_are_UTC_ISO_8601_with_western_digits_in_any_culture()
    {
        var late = DateTimeOffset.Parse("2026-12-06T23:30:05-02:00", CultureInfo.InvariantCulture);

        Assert.Equal("2026-12-07", InCulture("th-TH", () => ValueText.Date(late)));
        Assert.Equal("2026-12-07T01:30:05Z", InCulture("ar-SA", () => ValueText.Time(late)));
    }
}
