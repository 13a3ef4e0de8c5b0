using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Safety.HandOff;

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

    public static TheoryData<string> ExplainedKinds => ["input", "hand-off", "secrets", "run"];

    private static Exception Explained(string kind) => kind switch
    {
        "input" => Thrown(() => InputRules.Require("Europe West", v => InputRules.Region(v))),
        "hand-off" => Thrown(() => throw new HandOffException(HandOffProblem.Missing, "The hand-off is missing.")),
        "secrets" => Thrown(() => throw new EnvironmentSecretsException(System.Net.HttpStatusCode.Forbidden, "GitHub refused: 403.")),
        _ => Thrown(() => throw new ExplainedFailure("create-role/dev: up failed: LimitExceeded.")),
    };

    [Theory]
    [MemberData(nameof(ExplainedKinds))]
    public void An_explained_failure_prints_its_message_once_and_no_stack_trace(string kind)
    {
        var thrown = Explained(kind);

        var printed = thrown.ToString();
        Assert.IsAssignableFrom<ExplainedFailure>(thrown);
        Assert.False(string.IsNullOrEmpty(thrown.StackTrace)); // it was thrown, with a trace, and does not print it
        Assert.Equal(thrown.Message, printed);
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bug_keeps_its_stack_trace()
    {
        var bug = Thrown(() => _ = ((string?)null)!.Length);

        Assert.IsNotAssignableFrom<ExplainedFailure>(bug);
        Assert.Contains("   at ", bug.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(NullReferenceException), bug.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_region_reads_as_one_line_naming_the_value_and_the_rule()
    {
        var printed = Explained("input").ToString();

        Assert.Contains("Europe West", printed, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', printed);
    }
}
