using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Reporting;

public sealed class ResourceChangeCollectorTests
{
    private enum OperationType
    {
        Same,
        Create,
        Update,
        Replace,
        CreateReplacement,
        DeleteReplaced,
        Delete,
        Read,
    }

    [Fact]
    public void Collects_changed_resources_with_their_logical_names_and_changed_properties()
    {
        var collector = new ResourceChangeCollector();

        collector.Add("Create", "urn:pulumi:dev::create-role::aws:iam/user:User::unprivileged-user", "aws:iam/user:User", null);
        collector.Add("Update", "urn:pulumi:dev::create-role::aws:iam/role:Role::allow-s3-management", "aws:iam/role:Role", ["tags", "description"]);

        Assert.Equal(
            [
                new ResourceChange("aws:iam/user:User", "unprivileged-user", ChangeKind.Create, []),
                new ResourceChange("aws:iam/role:Role", "allow-s3-management", ChangeKind.Update, ["tags", "description"]),
            ],
            collector.ToImmutable(), new ResourceChangeComparer());
    }

    [Fact]
    public void Leaves_out_the_stack_itself_unchanged_resources_and_the_halves_of_a_replacement()
    {
        var collector = new ResourceChangeCollector();

        collector.Add("Create", "urn:pulumi:dev::assume-role::pulumi:pulumi:Stack::assume-role-dev", "pulumi:pulumi:Stack", null);
        collector.Add("Same", "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket", "aws:s3/bucket:Bucket", null);
        collector.Add("Replace", "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket", "aws:s3/bucket:Bucket", ["bucket"]);
        collector.Add("CreateReplacement", "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket", "aws:s3/bucket:Bucket", ["bucket"]);
        collector.Add("DeleteReplaced", "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket", "aws:s3/bucket:Bucket", ["bucket"]);

        var change = Assert.Single(collector.ToImmutable());
        Assert.Equal(ChangeKind.Replace, change.Kind);
    }

    [Fact]
    public void Counts_fold_Pulumis_summary_into_five_buckets()
    {
        var summary = new Dictionary<OperationType, int>
        {
            [OperationType.Same] = 2,
            [OperationType.Create] = 1,
            [OperationType.Replace] = 1,
            [OperationType.CreateReplacement] = 1,
            [OperationType.DeleteReplaced] = 1,
            [OperationType.Delete] = 3,
            [OperationType.Read] = 4,
        };

        var counts = ResourceChangeCollector.Counts(summary);

        Assert.Equal(2, counts[ChangeKind.Same]);
        Assert.Equal(1, counts[ChangeKind.Create]);
        Assert.Equal(1, counts[ChangeKind.Replace]);
        Assert.Equal(3, counts[ChangeKind.Delete]);
        Assert.False(counts.ContainsKey(ChangeKind.Update));
        Assert.Empty(ResourceChangeCollector.Counts<OperationType>(null));
    }

    private sealed class ResourceChangeComparer : IEqualityComparer<ResourceChange>
    {
        public bool Equals(ResourceChange? x, ResourceChange? y) =>
            x is not null && y is not null && x.Type == y.Type && x.Name == y.Name && x.Kind == y.Kind &&
            x.ChangedProperties.SequenceEqual(y.ChangedProperties);

        public int GetHashCode(ResourceChange obj) => HashCode.Combine(obj.Type, obj.Name, obj.Kind);
    }
}
