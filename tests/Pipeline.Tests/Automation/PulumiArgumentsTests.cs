using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Automation;

public sealed class PulumiArgumentsTests
{
    [Fact]
    public void A_drift_check_is_a_preview_only_refresh_of_the_named_stack_without_yes()
    {
        var argv = PulumiArguments.PreviewOnlyRefresh("dev", "local run at abc1234");

        Assert.Equal(["refresh", "--preview-only", "--stack", "dev", "--color", "never", "--message", "local run at abc1234"], argv.ToArray());
        Assert.DoesNotContain("--yes", argv);
        Assert.DoesNotContain("--skip-preview", argv);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Deploy (push) at 0123456 by octocat")]
    public void The_CLI_accepts_the_drift_check_with_or_without_a_message(string? message)
    {
        // What the SDK's command adds in front of the event log: every call runs non-interactive.
        var argv = PulumiArguments.PreviewOnlyRefresh("org/pr-12", message).Append("--non-interactive").ToList();

        Assert.Null(CliFlagRules.Refusal(argv));
        Assert.Equal(message is { Length: > 0 }, argv.Contains("--message"));
    }

    [Fact]
    public void The_flag_rules_refuse_what_RefreshOptions_PreviewOnly_sends()
    {
        // What Pulumi.Automation 3.112.1's RefreshAsync(PreviewOnly = true) builds: the reason for PreviewOnlyRefresh.
        string[] sdk = ["refresh", "--yes", "--preview-only", "--exec-kind", "auto.local", "--stack", "dev", "--non-interactive"];

        Assert.Equal("--yes and --preview-only cannot be used together", CliFlagRules.Refusal(sdk));
        Assert.NotNull(CliFlagRules.Refusal(["refresh", "--stack", "dev", "--non-interactive"]));
        Assert.NotNull(CliFlagRules.Refusal(["refresh", "--skip-preview", "--preview-only"]));
    }
}
