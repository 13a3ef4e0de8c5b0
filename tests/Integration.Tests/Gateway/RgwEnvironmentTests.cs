namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>The security claims may be skipped where Ceph cannot run, never silently where they are required (GitHub's ci.yml).</summary>
public sealed class RgwEnvironmentTests
{
    [Fact]
    public void Without_a_gateway_a_required_run_fails_naming_why()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => RgwEnvironment.Require(null, "ceph-mon did not start", required: true));

        Assert.Contains("RGW_REQUIRED=true", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ceph-mon did not start", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_gateway_an_optional_run_skips_with_the_reason()
    {
        var skip = Assert.ThrowsAny<Exception>(() => RgwEnvironment.Require(null, "ceph-mon did not start", required: false));

        Assert.Equal("Xunit.SkipException", skip.GetType().FullName);
        Assert.Contains("ceph-mon did not start", skip.Message, StringComparison.Ordinal);
    }
}
