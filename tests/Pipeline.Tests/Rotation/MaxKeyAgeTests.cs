using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Operations.Rotation;

namespace AssumeRolePipeline.Pipeline.Tests.Rotation;

public sealed class MaxKeyAgeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3651)]
    public void Days_outside_1_to_3650_are_refused_naming_the_value_and_the_rule(int days)
    {
        var thrown = Assert.Throws<InvalidInputException>(() => MaxKeyAge.Parse(days));

        Assert.Equal($"The maximum key age (--max-key-age) '{days}' is invalid: a whole number of days from 1 to 3650.", thrown.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(3650)]
    public void Days_in_range_are_that_many_days(int days) => Assert.Equal(TimeSpan.FromDays(days), MaxKeyAge.Parse(days));

    [Fact]
    public void No_maximum_means_rotate_now() => Assert.Null(MaxKeyAge.Parse(null));

    [Theory]
    [InlineData("2026-01-15T10:20:30Z", "2026-01-15T10:20:30+00:00")]
    [InlineData("2026-01-15T12:20:30+02:00", "2026-01-15T10:20:30+00:00")]
    [InlineData("2026-01-15T10:20:30.123456789Z", "2026-01-15T10:20:30.1234568+00:00")] // .NET keeps 7 digits, rounded
    public void The_creation_date_is_read_as_RFC_3339(string created, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), KeyAge.Parse(created));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void A_missing_or_unreadable_date_is_no_date(string? created) => Assert.Null(KeyAge.Parse(created));
}
