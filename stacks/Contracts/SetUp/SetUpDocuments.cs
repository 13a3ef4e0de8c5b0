using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>The documents of each set-up role and of the two boundaries, rendered from deploy/iam (roles.json's pairing).</summary>
public static class SetUpDocuments
{
    public static IamTemplate TrustTemplate(SetUpRoleKind kind) => kind switch
    {
        SetUpRoleKind.Deploy => IamTemplate.TrustDeploy,
        SetUpRoleKind.Preview => IamTemplate.TrustPreview,
        SetUpRoleKind.Review => IamTemplate.TrustReview,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a set-up role"),
    };

    public static IamTemplate PolicyTemplate(SetUpRoleKind kind) => kind switch
    {
        SetUpRoleKind.Deploy => IamTemplate.DeployPolicy,
        SetUpRoleKind.Preview => IamTemplate.PreviewPolicy,
        SetUpRoleKind.Review => IamTemplate.ReviewPolicy,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a set-up role"),
    };

    /// <summary>
    /// One role of the set-up, rendered: its name, its trust (exactly <paramref name="environment"/>'s subject) and its
    /// permissions. <paramref name="stack"/> is the declared stack a deploy or preview role serves; a review role serves every
    /// <c>pr-&lt;n&gt;</c> stack and its templates name none, so it is not used (and not checked) there.
    /// </summary>
    public static SetUpRoleConfig Role(SetUpRoleKind kind, string accountId, string partition, string repository, string environment, string? stack)
    {
        var values = new TemplateValues(accountId, partition, repository, environment, kind == SetUpRoleKind.Review ? null : stack);
        if (kind != SetUpRoleKind.Review)
            InputRules.Require(stack, v => SetUpRules.Stack(v, $"stack of the {kind.ToString().ToLowerInvariant()} role for environment {environment}"));
        var name = SetUpNames.RoleName(repository, environment);
        var what = kind switch
        {
            SetUpRoleKind.Deploy => $"deploys stack {stack}",
            SetUpRoleKind.Preview => $"previews stack {stack} (reads only)",
            _ => "deploys the review stacks pr-<n>",
        };
        return new SetUpRoleConfig(
            name,
            Description($"assume-role-pipeline: GitHub environment {environment} of {repository} {what}"),
            IamTemplates.Render(TrustTemplate(kind), values),
            IamTemplates.Render(PolicyTemplate(kind), values));
    }

    /// <summary>
    /// IAM takes at most 1000 characters of tab, line breaks, printable ASCII and Latin-1 in a description; anything else an
    /// environment's name may hold becomes '?', so that no name makes CreateRole fail.
    /// </summary>
    public static string Description(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new string([.. text.Select(c => c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or (>= '\u00A1' and <= '\u00FF') ? c : '?')]);
        return kept.Length <= MaxDescriptionLength ? kept : kept[..MaxDescriptionLength];
    }

    public const int MaxDescriptionLength = 1000;

    /// <summary>deploy-boundary.json: the most any declared stack's user and role may hold.</summary>
    public static string DeployBoundary(string accountId, string partition, string repository) =>
        IamTemplates.Render(IamTemplate.DeployBoundary, new TemplateValues(accountId, partition, repository));

    /// <summary>review-boundary.json: the most any review stack's user and role may hold.</summary>
    public static string ReviewBoundary(string accountId, string partition, string repository) =>
        IamTemplates.Render(IamTemplate.ReviewBoundary, new TemplateValues(accountId, partition, repository));
}
