using AssumeRolePipeline.Contracts.Policies;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using Pulumi;
using Pulumi.Aws.Iam;

namespace AssumeRolePipeline.Stacks.CreateRole;

/// <summary>
/// Run with privileged credentials: an IAM user with no policies and an access key, and a role that
/// exactly that user may assume, allowed <c>s3:*</c>. The key is what the unprivileged side runs with.
/// "No policies" and "exactly this policy" are declared too (the exclusive-management resources), so that
/// drift of either is visible to a refresh.
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
        // Unset (null, which the provider reads as no boundary) on a laptop; deploy/iam's roles create the user and the
        // role only with it, so that nothing they create can hold more than the boundary allows.
        var boundary = new Config().Get(CreateRoleContract.PermissionsBoundaryKey)!;

        var user = new User("unprivileged-user", new UserArgs { Name = username, Tags = tags, PermissionsBoundary = boundary });

        // The provider already marks "secret" secret; saying it here keeps that true whatever the SDK does.
        var accessKey = new AccessKey(
            CreateRoleContract.AccessKeyResourceName,
            new AccessKeyArgs { User = user.Name },
            new CustomResourceOptions { AdditionalSecretOutputs = { "secret" } });

        var role = new Role("allow-s3-management", new RoleArgs
        {
            Description = $"Assumed by {username} to manage S3 ({Deployment.Instance.StackName})",
            AssumeRolePolicy = user.Arn.Apply(PolicyDocuments.TrustPolicy),
            PermissionsBoundary = boundary,
            Tags = tags,
        });

        var rolePolicy = new RolePolicy("allow-s3-management-policy", new RolePolicyArgs
        {
            Role = role.Name,
            Policy = PolicyDocuments.S3FullAccessPolicy(),
        });

        // The user has no rights of its own and the role exactly its one inline policy: said as resources, so
        // that a refresh sees a policy added or attached by hand (it reads none of that from User or RolePolicy),
        // and an update (Remediate) removes it again.
        _ = new UserPoliciesExclusive("unprivileged-user-no-inline-policies", new UserPoliciesExclusiveArgs
        {
            UserName = user.Name,
            PolicyNames = new InputList<string>(), // none: an empty list, not a missing one
        });
        _ = new UserPolicyAttachmentsExclusive("unprivileged-user-no-managed-policies", new UserPolicyAttachmentsExclusiveArgs
        {
            UserName = user.Name,
            PolicyArns = new InputList<string>(),
        });
        _ = new RolePoliciesExclusive("allow-s3-management-only-its-policy", new RolePoliciesExclusiveArgs
        {
            RoleName = role.Name,
            PolicyNames = { rolePolicy.Name },
        });
        _ = new RolePolicyAttachmentsExclusive("allow-s3-management-no-managed-policies", new RolePolicyAttachmentsExclusiveArgs
        {
            RoleName = role.Name,
            PolicyArns = new InputList<string>(),
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
