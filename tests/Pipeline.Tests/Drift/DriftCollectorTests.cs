using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

public sealed class DriftCollectorTests
{
    private const string Project = "create-role";
    private const string User = "aws:iam/user:User";
    private const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
    private readonly DriftCollector _collector = new();

    private void Feed(params RefreshEvent[] steps)
    {
        foreach (var step in steps)
            _collector.Add(step.Op, step.Urn, step.Type, step.Diffs, step.DetailedDiff, step.Gone);
    }

    [Fact]
    public void A_refresh_step_with_a_diff_is_a_change_out_of_band_named_by_its_property_paths()
    {
        Feed(RefreshEvent.RefreshWithDiff(Project, User, "unprivileged-user", "tags.Owner", "permissionsBoundary"));

        var resource = Assert.Single(_collector.ToFindings().Resources);
        Assert.Equal((User, "unprivileged-user", DriftKind.ChangedOutOfBand), (resource.Type, resource.Name, resource.Kind));
        Assert.Equal<string>(["permissionsBoundary", "tags.Owner"], resource.Properties);
    }

    [Fact]
    public void The_result_op_shape_reads_update_as_changed_and_delete_as_deleted()
    {
        Feed(RefreshEvent.ResultOp("Update", Project, RolePolicy, "allow-s3-management-policy", "policy"),
            RefreshEvent.ResultOp("Delete", "assume-role", "aws:s3/bucket:Bucket", "bucket"));

        var findings = _collector.ToFindings();
        Assert.Equal(DriftKind.ChangedOutOfBand, findings.Resources[0].Kind);
        Assert.Equal<string>(["policy"], findings.Resources[0].Properties);
        Assert.Equal(DriftKind.DeletedOutOfBand, findings.Resources[1].Kind);
        Assert.Equal("bucket", findings.Resources[1].Name);
        Assert.Empty(findings.Resources[1].Properties);
    }

    [Fact]
    public void A_refresh_outcome_without_a_new_state_is_a_deletion()
    {
        Feed(RefreshEvent.RefreshGone(Project, "aws:iam/accessKey:AccessKey", "unprivileged-user-key"));

        Assert.Equal(DriftKind.DeletedOutOfBand, Assert.Single(_collector.ToFindings().Resources).Kind);
    }

    [Fact]
    public void Unchanged_resources_the_stack_and_providers_are_not_drift()
    {
        Feed(new RefreshEvent("Refresh", RefreshEvent.UrnOf(Project, User, "unprivileged-user"), User),
            new RefreshEvent("Same", RefreshEvent.UrnOf(Project, User, "unprivileged-user"), User),
            new RefreshEvent("Update", RefreshEvent.UrnOf(Project, "pulumi:pulumi:Stack", "create-role-dev"), "pulumi:pulumi:Stack", ["outputs"]),
            new RefreshEvent("Update", RefreshEvent.UrnOf(Project, "pulumi:providers:aws", "default"), "pulumi:providers:aws", ["version"]));

        var findings = _collector.ToFindings();
        Assert.False(findings.HasDrift);
        Assert.Equal(0, findings.Count);
    }

    [Fact]
    public void A_resource_reported_by_both_its_events_is_one_finding_with_the_properties_of_both()
    {
        Feed(RefreshEvent.RefreshWithDiff(Project, User, "unprivileged-user", "tags.Owner"),
            RefreshEvent.ResultOp("Update", Project, User, "unprivileged-user", "path"),
            RefreshEvent.ResultOp("Update", Project, User, "unprivileged-user", "path"));

        var resource = Assert.Single(_collector.ToFindings().Resources);
        Assert.Equal<string>(["path", "tags.Owner"], resource.Properties);
    }

    [Fact]
    public void A_deletion_outweighs_a_change_of_the_same_resource()
    {
        Feed(RefreshEvent.ResultOp("Update", Project, RolePolicy, "p", "policy"), RefreshEvent.RefreshGone(Project, RolePolicy, "p"));

        var resource = Assert.Single(_collector.ToFindings().Resources);
        Assert.Equal(DriftKind.DeletedOutOfBand, resource.Kind);
        Assert.Empty(resource.Properties);
    }

    [Fact]
    public void Drift_the_summary_counts_but_no_step_names_is_still_reported()
    {
        Feed(RefreshEvent.ResultOp("Update", Project, User, "unprivileged-user", "tags"));
        _collector.AddSummary([new KeyValuePair<string, int>("Same", 3), new("Update", 2), new("Delete", 1)]);

        var findings = _collector.ToFindings();
        Assert.Single(findings.Resources);
        Assert.Equal(2, findings.Unlisted);
        Assert.True(findings.HasDrift);
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void Events_from_many_threads_are_all_kept()
    {
        Parallel.For(0, 200, i => _collector.Add("Update", RefreshEvent.UrnOf(Project, User, $"u{i}"), User, ["tags"], null));

        Assert.Equal(200, _collector.ToFindings().Resources.Length);
    }
}
