using AssumeRolePipeline.Pipeline.Publishing.GitHub;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub;

public sealed class ApiPathTests
{
    [Fact]
    public void Each_segment_is_escaped_on_its_own_and_resolves_below_the_base_address()
    {
        var path = ApiPath.Of("repos", "o", "r", "environments", "a/b?c#d %", "secrets", "public-key");

        var resolved = new Uri(new Uri("https://ghe.example.com/api/v3/"), path);

        Assert.Equal("/api/v3/repos/o/r/environments/a%2Fb%3Fc%23d%20%25/secrets/public-key", resolved.AbsolutePath);
        Assert.Empty(resolved.Query);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    public void A_segment_that_would_climb_or_vanish_is_refused(string segment)
    {
        Assert.Throws<ArgumentException>(() => ApiPath.Of("repos", "o", segment, "secrets"));
    }
}
