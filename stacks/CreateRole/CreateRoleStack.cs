using AssumeRolePipeline.Contracts.Policies;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using Pulumi;
using Pulumi.Aws.Iam;

namespace AssumeRolePipeline.Stacks.CreateRole;

/// <summary>
/// Run with privileged credentials: an IAM user with no policies and an access key, and a role that
/// exactly that user may assume, allowed <c>s3:*</c>. The key is what the unprivileged side runs with.
/// </summary>
public sealed class CreateRoleStack : Stack
{
    public CreateRoleStack()
    {
        var key = CreateRoleContract.UnprivilegedUsernameKey;
        var username = InputRules.Require(
            new Config().Require(key),
            value => InputRules.IamUserName(value, $"config value {CreateRoleContract.FullKey(key)}"));
        var tags = ResourceTags.For(Deployment.Instance.ProjectName, Deployment.Instance.StackName);

        var user = new User("unprivileged-user", new UserArgs { Name = username, Tags = tags });

        // The provider already marks "secret" secret; saying it here keeps that true whatever the SDK does.
        var accessKey = new AccessKey(
            CreateRoleContract.AccessKeyResourceName,
            new AccessKeyArgs { User = user.Name },
            new CustomResourceOptions { AdditionalSecretOutputs = { "secret" } });

        var role = new Role("allow-s3-management", new RoleArgs
        {
            Description = $"Assumed by {username} to manage S3 ({Deployment.Instance.StackName})",
            AssumeRolePolicy = user.Arn.Apply(PolicyDocuments.TrustPolicy),
            Tags = tags,
        });

        _ = new RolePolicy("allow-s3-management-policy", new RolePolicyArgs
        {
            Role = role.Name,
            Policy = PolicyDocuments.S3FullAccessPolicy(),
        });

        RoleArn = role.Arn;
        AccessKeyId = accessKey.Id;
        SecretAccessKey = Output.CreateSecret(accessKey.Secret);
        AccessKeyCreated = accessKey.CreateDate;
    }

    [Output(CreateRoleContract.RoleArnOutput)]
    public Output<string> RoleArn { get; private set; }

    [Output(CreateRoleContract.AccessKeyIdOutput)]
    public Output<string> AccessKeyId { get; private set; }

    [Output(CreateRoleContract.SecretAccessKeyOutput)]
    public Output<string> SecretAccessKey { get; private set; }

    /// <summary>When the key was created: how key rotation (<c>--max-key-age</c>) and the summaries tell its age.</summary>
    [Output(CreateRoleContract.AccessKeyCreatedOutput)]
    public Output<string> AccessKeyCreated { get; private set; }
}
