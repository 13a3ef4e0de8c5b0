using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

/// <summary>
/// A drifted or remediated resource's name and type come from the engine's events, which the masker never saw: a
/// name that equals a secret (anyone may choose a resource's or a map key's name) is masked in the report itself,
/// before any renderer gets it.
/// </summary>
public sealed class DriftNameMaskingTests
{
    private const string Canary = "CANARY+name/3c9e1f-do-not-print";

    private static DriftFixture Fixture()
    {
        var fixture = new DriftFixture();
        fixture.Stacks.CreateRoleSecret = Canary;
        fixture.Stacks.Deploy("create-role");
        return fixture;
    }

    [Fact]
    public async Task A_drifted_resource_named_like_a_secret_is_reported_with_its_name_and_type_masked()
    {
        var fixture = Fixture();
        fixture.Drift("create-role", RefreshEvent.RefreshWithDiff("create-role", $"aws:iam/user:{Canary}", Canary, "tags"));

        var run = await fixture.Pipeline.RunAsync(PipelineFixture.Settings, StackOperation.Drift, CancellationToken.None);

        var resource = Assert.Single(run.Reports[0].Findings.Resources);
        Assert.Equal((SecretMasker.Mask, $"aws:iam/user:{SecretMasker.Mask}"), (resource.Name, resource.Type));
        Assert.Equal("tags", Assert.Single(resource.Properties));
    }

    [Fact]
    public async Task A_remediated_resource_named_like_a_secret_is_reported_with_its_name_and_type_masked()
    {
        var fixture = Fixture();
        fixture.Drift("create-role", RefreshEvent.ResultOp("Update", "create-role", $"aws:iam/user:{Canary}", Canary, "tags"));

        var run = await fixture.Pipeline.RunAsync(PipelineFixture.Settings, StackOperation.Remediate, CancellationToken.None);

        var change = Assert.Single(run.Reports[0].Changes);
        Assert.Equal((SecretMasker.Mask, $"aws:iam/user:{SecretMasker.Mask}"), (change.Name, change.Type));
        Assert.Equal("tags", Assert.Single(change.ChangedProperties));
    }
}
