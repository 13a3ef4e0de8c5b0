using System.Collections.Immutable;
using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Stacks;
using Pulumi;
using Pulumi.Aws.Iam;
using IamPolicy = Pulumi.Aws.Iam.Policy;

namespace AssumeRolePipeline.Stacks.SetUp;

/// <summary>
/// Run by <c>./build.sh SetUp</c> with administrator credentials: GitHub's OIDC identity provider (once per account, adopted
/// when it exists), the two permissions boundaries of deploy/iam, and one role per configured GitHub environment with exactly
/// that environment's OIDC subject in its trust. Declarations only: the build looks up what exists, renders every document
/// from deploy/iam (stacks/Contracts) and hands them over as config.
/// </summary>
public sealed class SetUpStack : Stack
{
    public SetUpStack()
    {
        var config = new Config();
        var tags = ResourceTags.For(Deployment.Instance.ProjectName, Deployment.Instance.StackName);

        var provider = new OpenIdConnectProvider(SetUpContract.OidcProviderResourceName, new OpenIdConnectProviderArgs
        {
            Url = SetUpContract.OidcUrl,
            ClientIdLists = { SetUpContract.OidcAudience },
        }, AdoptionOptions.For(config.Get(SetUpContract.OidcProviderImportKey), SetUpContract.OidcProviderIgnoredChanges));

        var deployBoundary = new IamPolicy(SetUpContract.DeployBoundaryResourceName, new PolicyArgs
        {
            Name = SetUpContract.DeployBoundaryName,
            Description = "assume-role-pipeline: the most a declared stack's user and role may hold",
            PolicyDocument = config.Require(SetUpContract.DeployBoundaryPolicyKey),
            Tags = tags,
        }, AdoptionOptions.For(config.Get(SetUpContract.DeployBoundaryImportKey), SetUpContract.BoundaryIgnoredChanges));

        var reviewBoundary = new IamPolicy(SetUpContract.ReviewBoundaryResourceName, new PolicyArgs
        {
            Name = SetUpContract.ReviewBoundaryName,
            Description = "assume-role-pipeline: the most a review stack's user and role may hold",
            PolicyDocument = config.Require(SetUpContract.ReviewBoundaryPolicyKey),
            Tags = tags,
        }, AdoptionOptions.For(config.Get(SetUpContract.ReviewBoundaryImportKey), SetUpContract.BoundaryIgnoredChanges));

        // One role per configured environment. Mapping the configured entries with LINQ is the one way this program declares
        // a role per entry (no loop, no branch): the build decides what the entries are.
        var roles = config.RequireObject<Dictionary<string, SetUpRoleConfig>>(SetUpContract.RolesKey)
            .ToImmutableSortedDictionary(entry => entry.Key, entry => DeclareRole(entry.Value, tags, provider), StringComparer.Ordinal);

        RoleArns = Output.All(roles.Values.Select(role => (Input<string>)role.Arn))
            .Apply(arns => roles.Keys.Zip(arns).ToImmutableDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal));
        DeployBoundaryArn = deployBoundary.Arn;
        ReviewBoundaryArn = reviewBoundary.Arn;
    }

    /// <summary>
    /// The role, its one inline policy, and "exactly that policy, nothing attached" said as resources, so that a policy added
    /// by hand is drift the next SetUp removes (as create-role does for its own role). The role's trust names the provider by
    /// its ARN, rendered text with no link to the resource, so the dependency is said explicitly: the provider first.
    /// </summary>
    private static Role DeclareRole(SetUpRoleConfig role, ImmutableDictionary<string, string> tags, OpenIdConnectProvider provider)
    {
        var declared = new Role(role.Name, new RoleArgs
        {
            Name = role.Name,
            Description = role.Description,
            AssumeRolePolicy = role.TrustPolicy,
            Tags = tags,
        }, new CustomResourceOptions { DependsOn = { provider } });
        var policy = new RolePolicy($"{role.Name}-policy", new RolePolicyArgs
        {
            Role = declared.Name,
            Name = "assume-role-pipeline",
            Policy = role.Policy,
        });
        _ = new RolePoliciesExclusive($"{role.Name}-only-its-policy", new RolePoliciesExclusiveArgs
        {
            RoleName = declared.Name,
            PolicyNames = { policy.Name },
        });
        _ = new RolePolicyAttachmentsExclusive($"{role.Name}-no-managed-policies", new RolePolicyAttachmentsExclusiveArgs
        {
            RoleName = declared.Name,
            PolicyArns = new InputList<string>(), // none: an empty list, not a missing one
        });
        return declared;
    }

    /// <summary>Each role's ARN by the GitHub environment it trusts.</summary>
    [Output(SetUpContract.RoleArnsOutput)]
    public Output<ImmutableDictionary<string, string>> RoleArns { get; private set; }

    /// <summary>AWS_PERMISSIONS_BOUNDARY_ARN of the declared stacks.</summary>
    [Output(SetUpContract.DeployBoundaryArnOutput)]
    public Output<string> DeployBoundaryArn { get; private set; }

    /// <summary>The boundary of the review stacks.</summary>
    [Output(SetUpContract.ReviewBoundaryArnOutput)]
    public Output<string> ReviewBoundaryArn { get; private set; }
}
