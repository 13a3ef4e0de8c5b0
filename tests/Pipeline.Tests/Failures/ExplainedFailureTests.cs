using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.Failures;

/// <summary>What NUKE prints for a failed target is the exception's ToString(): a message for a user's mistake, a trace for a bug.</summary>
public sealed class ExplainedFailureTests
{
    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("nothing was thrown");
    }

    public static TheoryData<string> ExplainedKinds => ["input", "pipeline", "hand-off", "run"];

    private static Exception Explained(string kind) => kind switch
    {
        "input" => Thrown(() => InputRules.Require("Europe West", v => InputRules.Region(v))),
        "pipeline" => Thrown(() => throw new PipelineException("Could not read the state of create-role/dev.")),
        "hand-off" => Thrown(() => throw new HandOffException(HandOffProblem.Missing, "The hand-off is missing.")),
        _ => Thrown(() => throw new ExplainedFailure("create-role/dev: up failed: LimitExceeded.")),
    };

    [Theory]
    [MemberData(nameof(ExplainedKinds))]
    public void An_explained_failure_prints_its_message_once_and_no_stack_trace(string kind)
    {
        var original = Explained(kind);
        if (original is not ExplainedFailure)
            Assert.Contains("   at ", original.ToString(), StringComparison.Ordinal); // the raw exception would print a trace

        var forBuild = Thrown(() => throw ExplainedFailure.ForBuild(original));

        var printed = forBuild.ToString();
        Assert.Equal(original.Message, printed);
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
        Assert.Equal(1, (printed.Length - printed.Replace(original.Message, string.Empty, StringComparison.Ordinal).Length) / original.Message.Length);
    }

    [Fact]
    public void A_bug_keeps_its_stack_trace()
    {
        var bug = Thrown(() => _ = ((string?)null)!.Length);

        var forBuild = ExplainedFailure.ForBuild(bug);

        Assert.False(ExplainedFailure.Explains(bug));
        Assert.Same(bug, forBuild);
        Assert.Contains("   at ", forBuild.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(NullReferenceException), forBuild.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_region_reads_as_one_line_naming_the_value_and_the_rule()
    {
        var printed = ExplainedFailure.ForBuild(Explained("input")).ToString();

        Assert.Contains("Europe West", printed, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', printed);
    }
}
