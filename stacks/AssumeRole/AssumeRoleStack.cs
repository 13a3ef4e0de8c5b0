using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using Pulumi;
using Pulumi.Aws;
using Pulumi.Aws.Inputs;
using Pulumi.Aws.S3;

namespace AssumeRolePipeline.Stacks.AssumeRole;

/// <summary>
/// Run with nothing but the unprivileged user's keys: an explicit AWS provider that assumes the role,
/// and an S3 bucket created through that provider (the user itself may not touch S3).
/// </summary>
public sealed class AssumeRoleStack : Stack
{
    public AssumeRoleStack()
    {
        var config = new Pulumi.Config();
        var roleArn = InputRules.Require(
            config.Require(AssumeRoleContract.RoleToAssumeArnKey),
            value => InputRules.RoleArn(value, $"config value {AssumeRoleContract.FullKey(AssumeRoleContract.RoleToAssumeArnKey)}"));
        // The explicit provider never reads aws:* config by itself, so the region is passed on by hand.
        var region = InputRules.Require(
            new Pulumi.Config("aws").Require("region"),
            value => InputRules.Region(value, $"config value {AwsConfigKeys.Region}"));
        InputRules.Require(region, value => InputRules.RegionInPartition(value!, roleArn, $"config value {AwsConfigKeys.Region}"));

        var stack = Deployment.Instance.StackName;
        var assumeRole = new ProviderAssumeRoleArgs
        {
            RoleArn = roleArn,
            SessionName = InputRules.SessionNameFor(stack),
        };
        if (config.Get(AssumeRoleContract.ExternalIdKey) is { } externalId)
            assumeRole.ExternalId = InputRules.Require(externalId, value => InputRules.ExternalId(value));
        if (config.Get(AssumeRoleContract.SessionDurationKey) is { } duration)
            assumeRole.Duration = InputRules.Require(duration, value => InputRules.SessionDuration(value));

        var provider = new Provider("assume-role", new ProviderArgs
        {
            Region = region,
            AssumeRoles = { assumeRole },
            DefaultTags = new ProviderDefaultTagsArgs { Tags = ResourceTags.For(Deployment.Instance.ProjectName, stack) },
        });

        // Destroy keeps a bucket that still holds objects (it fails with BucketNotEmpty) unless the
        // stack says otherwise: deleting someone's data is a decision, not a default.
        var bucket = new Bucket(
            "bucket",
            new BucketArgs
            {
                ForceDestroy = config.GetBoolean(AssumeRoleContract.BucketForceDestroyKey) ?? false,
                // A review stack's bucket carries its prefix (the review boundary allows S3 on those only); null elsewhere:
                // Pulumi's generated name, as before.
                BucketPrefix = AssumeRoleContract.BucketPrefixFor(stack)!,
            },
            new CustomResourceOptions { Provider = provider });

        BucketName = bucket.BucketName;
    }

    [Output(AssumeRoleContract.BucketNameOutput)]
    public Output<string> BucketName { get; private set; }
}
