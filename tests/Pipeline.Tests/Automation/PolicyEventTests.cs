using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Automation;

/// <summary>The engine's PolicyEvents as the adapter feeds them (what the event carries, nulls included) to the collector.</summary>
public sealed class PolicyEventTests
{
    private readonly List<PolicyViolation> _found = [];

    private EngineEventCollector Collector() => new(_found.Add);

    [Fact]
    public void A_violation_names_its_policy_the_resources_logical_name_and_one_plain_line_of_message()
    {
        Collector().Policy("urn:pulumi:dev::create-role::aws:iam/role:Role::allow-s3-management",
            "<{%fg 1%}>[mandatory]  assume-role-pipeline v1.0.0 <{%reset%}>role-trusts-exactly-one-iam-user\n  \u001b[31massumeRolePolicy Principal is \"*\"\u001b[0m\r\n",
            "role-trusts-exactly-one-iam-user", "mandatory");

        var violation = Assert.Single(_found);
        Assert.Equal(new PolicyViolation("role-trusts-exactly-one-iam-user", "allow-s3-management",
            "[mandatory] assume-role-pipeline v1.0.0 role-trusts-exactly-one-iam-user assumeRolePolicy Principal is \"*\"", Mandatory: true), violation);
    }

    [Theory]
    [InlineData("advisory")]
    [InlineData("warning")]
    [InlineData(null)]
    public void Only_a_mandatory_violation_fails_the_operation(string? level)
    {
        Collector().Policy("urn:pulumi:dev::create-role::aws:iam/role:Role::r", "maxSessionDuration is 7200", "role-session-at-most-one-hour", level);

        Assert.False(Assert.Single(_found).Mandatory);
    }

    [Fact]
    public void A_stack_policys_violation_without_a_resource_is_the_stacks_and_an_empty_message_says_so()
    {
        Collector().Policy(null, "  ", "bucket-uses-explicit-provider", "Mandatory");

        Assert.Equal(new PolicyViolation("bucket-uses-explicit-provider", "the stack", "no message", Mandatory: true), Assert.Single(_found));
    }

    [Fact]
    public void An_event_that_is_no_policy_event_is_ignored()
    {
        Collector().Policy(null, null, null, null);
        new EngineEventCollector().Policy("urn:pulumi:dev::p::t::n", "m", "p", "mandatory"); // nobody listening: nothing to call

        Assert.Empty(_found);
    }
}
