using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Safety.Posture;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>
/// <c>./build.sh CheckSetUp</c>: every way the repository (and the AWS roles' trust) differs from what the threat model
/// assumes, one line each: the posture of every declared environment, missing variables and secrets by name, credentials
/// stored where they do not belong, Actions allowed to approve pull requests, and roles trusting more than their subject.
/// </summary>
public sealed class SetUpCheck
{
    private readonly IGitHubRepositorySettings _github;
    private readonly GitHubRepositoryName _repository;
    private readonly IAwsSetUp? _aws;

    /// <param name="aws">Checks the roles' trust; null skips it (and says so).</param>
    public SetUpCheck(IGitHubRepositorySettings github, GitHubRepositoryName repository, IAwsSetUp? aws)
    {
        ArgumentNullException.ThrowIfNull(github);
        ArgumentNullException.ThrowIfNull(repository);
        _github = github;
        _repository = repository;
        _aws = aws;
    }

    /// <param name="region">--region, checked; null: the repository variable AWS_REGION.</param>
    /// <param name="reviewLabel">The review stacks' label; null without a <c>review:</c> section.</param>
    public async Task<SetUpCheckReport> CheckAsync(IReadOnlyList<PostureTarget> targets, string? reviewLabel, string? region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var problems = new List<string>();
        var accepted = new List<string>();
        var notes = new List<string>();
        var repository = await _github.GetRepositoryAsync(cancellationToken).ConfigureAwait(false);
        var repositoryVariables = await _github.GetVariablesAsync(null, cancellationToken).ConfigureAwait(false);
        var repositorySecrets = await _github.GetSecretNamesAsync(null, cancellationToken).ConfigureAwait(false);

        var roleArns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var observed = await _github.GetEnvironmentAsync(target.Environment, cancellationToken).ConfigureAwait(false);
            foreach (var finding in PostureCheck.Check(target, observed, repository.DefaultBranch))
                (finding.IsDefect ? problems : accepted).Add(finding.Line);
            if (observed is null)
                continue;

            var variables = await _github.GetVariablesAsync(target.Environment, cancellationToken).ConfigureAwait(false);
            var secrets = await _github.GetSecretNamesAsync(target.Environment, cancellationToken).ConfigureAwait(false);
            problems.AddRange(VariableProblems(target, variables, repositoryVariables, secrets));
            problems.AddRange(GitHubSetUp.MissingSecrets(target, secrets, _repository));
            if (target.Role is EnvironmentRole.Preview or EnvironmentRole.ReviewPrivileged or EnvironmentRole.ReviewUnprivileged)
            {
                problems.AddRange(PipelineNames.NotForUnmergedCode.Where(n => secrets.Contains(n, StringComparer.OrdinalIgnoreCase)).Select(n =>
                    $"{target.Environment}: holds the secret {n}, but its jobs run unmerged code, which could carry it off; delete it there " +
                    $"(gh secret delete {n} --env {target.Environment} --repo {_repository})"));
            }

            if (SetUpVariables.RoleArnVariable(target.Role) is { } arnVariable && variables.TryGetValue(arnVariable, out var arn) && arn.Length > 0)
                roleArns[target.Environment] = arn;
        }

        problems.AddRange(PipelineNames.Credentials.Where(n => repositorySecrets.Contains(n, StringComparer.OrdinalIgnoreCase)).Select(n =>
            $"repository: the credential {n} is a repository secret, which every same-repository pull request's workflow can read; move it into " +
            $"the environments whose jobs read it and delete it (gh secret delete {n} --repo {_repository})"));

        switch (await _github.CanActionsApprovePullRequestsAsync(cancellationToken).ConfigureAwait(false))
        {
            case true:
                problems.Add("repository: GitHub Actions may approve pull requests, so a workflow could approve its own change; untick \"Allow GitHub Actions " +
                             "to create and approve pull requests\" under Settings → Actions → General");
                break;
            case null:
                notes.Add("repository: whether GitHub Actions may approve pull requests could not be read with this token (it needs administration: read)");
                break;
        }

        if (reviewLabel is not null && !await _github.LabelExistsAsync(reviewLabel, cancellationToken).ConfigureAwait(false))
            problems.Add($"repository: the review label '{reviewLabel}' does not exist; run ./build.sh SetUp, or create it under Issues → Labels");

        problems.AddRange(await TrustProblemsAsync(targets, roleArns, region ?? repositoryVariables.GetValueOrDefault(PipelineNames.Region), notes, cancellationToken)
            .ConfigureAwait(false));
        return new SetUpCheckReport(problems, accepted, notes);
    }

    private async Task<IReadOnlyList<string>> TrustProblemsAsync(IReadOnlyList<PostureTarget> targets, Dictionary<string, string> roleArns, string? region,
        List<string> notes, CancellationToken cancellationToken)
    {
        var roles = SetUpVariables.Roles(targets).Where(r => roleArns.ContainsKey(r.Environment)).ToList();
        if (roles.Count == 0)
            return [];
        if (_aws is null)
        {
            notes.Add("AWS: the roles' trust was not checked (no AWS set-up in this build)");
            return [];
        }

        if (InputRules.Region(region, "AWS region (--region, or the repository variable AWS_REGION)") is { } error)
            return [$"AWS: the roles' trust cannot be checked: {error.Message}"];
        return await _aws.CheckTrustAsync(new AwsSetUpRequest(_repository.ToString(), region!, roles), roleArns, cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<string> VariableProblems(PostureTarget target, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string> repository,
        IReadOnlyList<string> secrets)
    {
        bool Has(string name) => variables.TryGetValue(name, out var value) && value.Length > 0;
        string Missing(string name, string why) =>
            $"{target.Environment}: missing variable {name} ({why}); run ./build.sh SetUp, or: gh variable set {name} --env {target.Environment} --repo {_repository}";

        if (!Has(PipelineNames.Region) && !(repository.TryGetValue(PipelineNames.Region, out var region) && region.Length > 0))
        {
            yield return $"{target.Environment}: missing variable {PipelineNames.Region} (here or in the repository's variables); run ./build.sh SetUp, or: " +
                         $"gh variable set {PipelineNames.Region} --repo {_repository}";
        }

        var staticKeys = secrets.Contains(PipelineNames.PrivilegedAccessKeyId, StringComparer.OrdinalIgnoreCase);
        switch (target.Role)
        {
            case EnvironmentRole.Privileged or EnvironmentRole.ReviewPrivileged:
                if (!Has(PipelineNames.PrivilegedRoleArn) && !staticKeys)
                    yield return Missing(PipelineNames.PrivilegedRoleArn, "the deploy role its privileged job assumes with OIDC");
                if (!Has(PipelineNames.PermissionsBoundaryArn))
                    yield return Missing(PipelineNames.PermissionsBoundaryArn, "the boundary create-role attaches to the user and role it makes");
                break;
            case EnvironmentRole.Preview:
                if (!Has(PipelineNames.PreviewRoleArn))
                    yield return Missing(PipelineNames.PreviewRoleArn, "the read-only role previews assume");
                if (!Has(PipelineNames.PermissionsBoundaryArn))
                    yield return Missing(PipelineNames.PermissionsBoundaryArn, "the boundary the preview passes, as the privileged job does");
                break;
        }
    }
}
