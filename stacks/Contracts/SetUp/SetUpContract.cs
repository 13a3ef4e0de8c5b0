using System.Collections.Immutable;

namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>
/// The set-up stack (stacks/SetUp): GitHub's OIDC identity provider, the two permissions boundaries of deploy/iam and
/// one role per environment that assumes one. What the program and the build that feeds it agree on.
/// </summary>
public static class SetUpContract
{
    public const string ProjectName = "set-up";

    /// <summary>Directory of the Pulumi project, relative to the repository root.</summary>
    public const string ProjectDirectory = "stacks/SetUp";

    /// <summary>
    /// Optional config key: the ARN of GitHub's OIDC provider when it already exists in the account (the build looks it up),
    /// which the program then adopts (imports) instead of creating it; unset, the program creates it.
    /// </summary>
    public const string OidcProviderImportKey = "oidcProviderImportId";

    /// <summary>Optional config keys: the ARN of each boundary when it already exists in the account, to adopt it.</summary>
    public const string DeployBoundaryImportKey = "deployBoundaryImportId";

    public const string ReviewBoundaryImportKey = "reviewBoundaryImportId";

    /// <summary>Config keys: the two boundaries' documents, rendered from deploy/iam by the build.</summary>
    public const string DeployBoundaryPolicyKey = "deployBoundaryPolicy";

    public const string ReviewBoundaryPolicyKey = "reviewBoundaryPolicy";

    /// <summary>Config key: the roles, a JSON object of <see cref="SetUpRoleConfig"/> by the GitHub environment each trusts.</summary>
    public const string RolesKey = "roles";

    /// <summary>Output: each role's ARN by the environment it trusts (a map).</summary>
    public const string RoleArnsOutput = "roleArns";

    public const string DeployBoundaryArnOutput = "deployBoundaryArn";

    public const string ReviewBoundaryArnOutput = "reviewBoundaryArn";

    /// <summary>GitHub Actions' token issuer, without its scheme: the OIDC provider's name in its ARN and the prefix of its claims.</summary>
    public const string OidcHost = "token.actions.githubusercontent.com";

    public const string OidcUrl = "https://" + OidcHost;

    /// <summary>The audience GitHub's token carries for AWS (aws-actions/configure-aws-credentials' default).</summary>
    public const string OidcAudience = "sts.amazonaws.com";

    /// <summary>The boundaries' managed policy names, as deploy/iam's policies (and roles.json) name them.</summary>
    public const string DeployBoundaryName = "assume-role-pipeline-boundary";

    public const string ReviewBoundaryName = "assume-role-pipeline-review-boundary";

    /// <summary>The Pulumi names of the account-wide resources (their URNs end with them).</summary>
    public const string OidcProviderResourceName = "github-actions-oidc";

    public const string DeployBoundaryResourceName = DeployBoundaryName;

    public const string ReviewBoundaryResourceName = ReviewBoundaryName;

    /// <summary>
    /// What an adopted resource may differ in without failing its import: the OIDC provider is shared by everything in the
    /// account that trusts GitHub, so the set-up never changes its audiences, thumbprints, tags or URL, only adopts it; a
    /// boundary's tags are not the set-up's business either, nor is the description of one made by hand (a new description
    /// would replace the policy, which every stack's user and role carries). A boundary's document is not ignored: one that
    /// differs from deploy/iam's fails its import, and the preview says so.
    /// </summary>
    public static ImmutableArray<string> OidcProviderIgnoredChanges { get; } = ["url", "clientIdLists", "thumbprintLists", "tags"];

    public static ImmutableArray<string> BoundaryIgnoredChanges { get; } = ["tags", "description"];

    public static ImmutableArray<string> Outputs { get; } = [RoleArnsOutput, DeployBoundaryArnOutput, ReviewBoundaryArnOutput];

    /// <summary>The full config key, as the Pulumi CLI and <c>PULUMI_CONFIG</c> spell it.</summary>
    public static string FullKey(string key) => $"{ProjectName}:{key}";
}
