using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Safety.Posture;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>
/// The GitHub half of <c>./build.sh SetUp</c>: each declared environment with its branch rule, required reviewers (self-review
/// prevented) and variables, the repository's variables and the review label. It plans from what GitHub answers, refuses to
/// widen an existing environment without --force before anything is written, writes only what differs (a second run writes
/// nothing), and checks by name the secrets it cannot create.
/// </summary>
public sealed class GitHubSetUp
{
    public const string LabelColor = "0e8a16";
    public const string LabelDescription = "Deploys this pull request's own review stack (README: Review stacks)";

    private readonly IGitHubRepositorySettings _github;
    private readonly GitHubRepositoryName _repository;

    public GitHubSetUp(IGitHubRepositorySettings github, GitHubRepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(github);
        ArgumentNullException.ThrowIfNull(repository);
        _github = github;
        _repository = repository;
    }

    /// <summary>
    /// Refuses, before any call, an environment that needs required reviewers when <c>deploy/stacks.yml</c> declares none and
    /// accepts no risk for them: one line naming the stack and the key to add.
    /// </summary>
    /// <exception cref="InvalidInputException">Such an environment is declared.</exception>
    public static void RequireReviewersDeclared(IEnumerable<PostureTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.FirstOrDefault(t => t.Requirement.RequiresReviewers && t.Reviewers.Count == 0 && t.Accepted(AcceptedRisk.RequiredReviewers) is null) is { } target)
        {
            throw new InvalidInputException(new InputError($"reviewers of {target.DeclarationKey} ({StackDeclaration.RelativePath})", null,
                $"the environment {target.Environment} needs required reviewers ({target.Requirement.Why}): add 'reviewers:' (GitHub logins or " +
                $"org/team-slug) to {target.DeclarationKey}, or, where your GitHub plan offers none, 'accept-risk: {{{AcceptedRisk.RequiredReviewers}: <reason>}}'. " +
                "Nothing was changed"));
        }
    }

    /// <summary>
    /// Reads the repository and each environment, and plans their protection. Calls GitHub (reads only).
    /// </summary>
    /// <exception cref="ExplainedFailure">A read failed, or the plan widens an environment and <paramref name="force"/> is off.</exception>
    public async Task<GitHubSetUpPlan> PlanAsync(GitHubSetUpRequest request, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repository = await _github.GetRepositoryAsync(cancellationToken).ConfigureAwait(false);
        var reviewerIds = new Dictionary<GitHubReviewer, ObservedReviewer>();
        foreach (var reviewer in request.Targets.SelectMany(t => t.Reviewers).Distinct())
            reviewerIds[reviewer] = await _github.GetReviewerAsync(reviewer, cancellationToken).ConfigureAwait(false);

        var environments = new List<EnvironmentPlan>();
        foreach (var target in request.Targets)
        {
            var observed = await _github.GetEnvironmentAsync(target.Environment, cancellationToken).ConfigureAwait(false);
            environments.Add(Plan(target, observed, [.. target.Reviewers.Select(r => reviewerIds[r])], repository.DefaultBranch));
        }

        var widenings = environments.SelectMany(e => e.Widenings.Select(w => $"{e.Environment}: {w}")).ToList();
        if (widenings.Count > 0 && !force)
        {
            throw new ExplainedFailure($"SetUp would widen what exists, and does so only with --force: {string.Join("; ", widenings)}. " +
                                       $"Nothing was changed: declare what you want kept in {StackDeclaration.RelativePath}, or run SetUp again with --force.");
        }

        var label = request.ReviewLabel is { } name && !await _github.LabelExistsAsync(name, cancellationToken).ConfigureAwait(false) ? name : null;
        return new GitHubSetUpPlan(repository, environments, label, widenings);
    }

    /// <summary>
    /// The variables to write once the AWS half gave its role ARNs, and the secrets to add by hand, from what the environments
    /// hold now (none for an environment still to be created). Calls GitHub (reads only).
    /// </summary>
    public async Task<GitHubSetUpPlan> PlanVariablesAsync(GitHubSetUpPlan plan, GitHubSetUpRequest request, AwsSetUpResult aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(aws);
        var writes = new List<VariableWrite>();
        var secrets = new List<string>();
        foreach (var environment in plan.Environments)
        {
            var exists = environment.Observed is not null;
            var current = exists ? await _github.GetVariablesAsync(environment.Environment, cancellationToken).ConfigureAwait(false) : new Dictionary<string, string>();
            writes.AddRange(Differences(environment.Environment, SetUpVariables.For(environment.Target, aws), current));
            var names = exists ? await _github.GetSecretNamesAsync(environment.Environment, cancellationToken).ConfigureAwait(false) : [];
            secrets.AddRange(MissingSecrets(environment.Target, names, _repository));
        }

        var wanted = new Dictionary<string, string>(StringComparer.Ordinal) { [PipelineNames.Region] = request.Region };
        if (request.BackendUrl is { Length: > 0 } backend)
            wanted[PipelineNames.BackendUrl] = backend;
        writes.AddRange(Differences(null, wanted, await _github.GetVariablesAsync(null, cancellationToken).ConfigureAwait(false)));
        return plan with { Variables = writes, MissingSecrets = secrets };
    }

    /// <summary>Writes the plan, in order; a failed call ends with what was done and what was not (a rerun completes it).</summary>
    /// <param name="progress">Gets one line per change made.</param>
    public async Task ApplyAsync(GitHubSetUpPlan plan, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        var steps = Steps(plan).ToList();
        var done = 0;
        try
        {
            foreach (var (line, write) in steps)
            {
                await write(cancellationToken).ConfigureAwait(false);
                done++;
                progress(line);
            }
        }
        catch (ExplainedFailure failure) when (failure is not InvalidInputException)
        {
            var notDone = steps.Skip(done).Select(s => s.Line).ToList();
            throw new ExplainedFailure($"{failure.Message.TrimEnd('.')}. Done: {(done == 0 ? "nothing" : string.Join("; ", steps.Take(done).Select(s => s.Line)))}. " +
                                       $"Not done: {string.Join("; ", notDone)}. Run ./build.sh SetUp again to complete it.", failure);
        }
    }

    /// <summary>Each change of the plan as the line that says it and the call that makes it.</summary>
    public IEnumerable<(string Line, Func<CancellationToken, Task> Write)> Steps(GitHubSetUpPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var environment in plan.Environments)
        {
            var name = environment.Environment;
            if (environment.Protection is { } protection)
                yield return (Describe(environment, protection), token => _github.PutEnvironmentAsync(name, protection, token));
            foreach (var branch in environment.BranchPoliciesToAdd)
                yield return ($"{name}: add the deployment branch rule '{branch}'", token => _github.AddBranchPolicyAsync(name, branch, token));
            foreach (var policy in environment.BranchPoliciesToDelete)
                yield return ($"{name}: remove the deployment branch rule {policy}", token => _github.DeleteBranchPolicyAsync(name, policy.Id, token));
        }

        foreach (var variable in plan.Variables)
            yield return (variable.ToString(), token => _github.SetVariableAsync(variable.Environment, variable.Name, variable.Value, variable.Exists, token));
        if (plan.LabelToCreate is { } label)
            yield return ($"repository: create the label '{label}'", token => _github.CreateLabelAsync(label, LabelColor, LabelDescription, token));
    }

    /// <summary>The plan for one environment: the PUT it needs (if any), its branch rules, and what it would widen.</summary>
    public static EnvironmentPlan Plan(PostureTarget target, ObservedEnvironment? observed, IReadOnlyList<ObservedReviewer> declaredReviewers, string defaultBranch)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(declaredReviewers);
        var currentReviewers = observed?.Reviewers?.Reviewers ?? [];
        var reviewers = declaredReviewers.Count > 0 ? declaredReviewers : currentReviewers;
        var branchPolicy = target.Requirement.Branches == BranchRule.DefaultBranchOnly ? DeploymentBranchPolicy.Custom : null;
        var desired = new EnvironmentProtection(observed?.WaitTimer ?? 0, reviewers.Count > 0 || (observed?.Reviewers?.PreventSelfReview ?? false),
            reviewers, branchPolicy);

        var widenings = new List<string>();
        if (observed is not null)
        {
            if (branchPolicy is null && observed.BranchPolicy is not null)
                widenings.Add($"deployment branches opened to every branch (now {Branches(observed)})");
            var removed = currentReviewers.Where(c => !reviewers.Any(r => Same(r, c))).Select(r => r.Name).ToList();
            if (removed.Count > 0)
                widenings.Add($"required reviewer(s) {string.Join(", ", removed)} removed");
        }

        var unchanged = observed is not null && observed.BranchPolicy == branchPolicy && (observed.WaitTimer ?? 0) == desired.WaitTimer &&
                        (observed.Reviewers?.PreventSelfReview ?? false) == desired.PreventSelfReview &&
                        currentReviewers.Count == reviewers.Count && currentReviewers.All(c => reviewers.Any(r => Same(r, c)));
        var policies = observed?.BranchPolicy == DeploymentBranchPolicy.Custom ? observed.BranchPolicies : [];
        var add = branchPolicy is not null && !policies.Any(p => IsDefault(p, defaultBranch)) ? new[] { defaultBranch } : [];
        var delete = branchPolicy is not null ? policies.Where(p => !IsDefault(p, defaultBranch)).ToList() : [];
        return new EnvironmentPlan(target, observed, unchanged ? null : desired, add, delete, widenings);
    }

    /// <summary>One line per secret the environment's jobs read and it lacks, with the exact place to add it.</summary>
    public static IEnumerable<string> MissingSecrets(PostureTarget target, IReadOnlyList<string> names, GitHubRepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(names);
        bool Has(string name) => names.Contains(name, StringComparer.OrdinalIgnoreCase);
        string Where(string name) => $"add it under Settings → Environments → {target.Environment} → Environment secrets, or: gh secret set {name} --env " +
                                     $"{target.Environment} --repo {repository}";
        if (target.Role == EnvironmentRole.Privileged && !Has(PipelineNames.HandOffToken))
        {
            yield return $"{target.Environment}: missing secret {PipelineNames.HandOffToken} (a fine-grained token of {repository} with \"Secrets: write\" and " +
                         $"\"Environments: write\", which hands the key off to {target.Owner}'s unprivileged environment); {Where(PipelineNames.HandOffToken)}";
        }

        if (!Has(PipelineNames.PulumiAccessToken) && !Has(PipelineNames.PulumiPassphrase))
        {
            yield return $"{target.Environment}: missing secret {PipelineNames.PulumiAccessToken} (Pulumi Cloud) or {PipelineNames.PulumiPassphrase} " +
                         $"(a self-managed backend), the state credential its jobs read; {Where("<name>")}";
        }
    }

    private static IEnumerable<VariableWrite> Differences(string? environment, IReadOnlyDictionary<string, string> wanted, IReadOnlyDictionary<string, string> current) =>
        wanted.Where(w => !current.TryGetValue(w.Key, out var value) || value != w.Value)
            .Select(w => new VariableWrite(environment, w.Key, w.Value, current.ContainsKey(w.Key)));

    private static bool Same(ObservedReviewer a, ObservedReviewer b) => a.Type == b.Type && a.Id == b.Id;

    private static bool IsDefault(BranchPolicy policy, string defaultBranch) => policy.Type == BranchPolicy.BranchType && policy.Name == defaultBranch;

    private static string Branches(ObservedEnvironment observed) => observed.BranchPolicy switch
    {
        { ProtectedBranches: true } => "protected branches only",
        _ when observed.BranchPolicies.Count > 0 => $"only {string.Join(", ", observed.BranchPolicies)}",
        _ => "no branch",
    };

    private static string Describe(EnvironmentPlan environment, EnvironmentProtection protection)
    {
        var parts = new List<string>
        {
            protection.BranchPolicy is null ? "deployments from any branch" : "deployments from selected branches only",
        };
        if (protection.Reviewers.Count > 0)
            parts.Add($"required reviewers {string.Join(", ", protection.Reviewers.Select(r => r.Name))}");
        if (protection.PreventSelfReview)
            parts.Add("self-review prevented");
        if (protection.WaitTimer > 0)
            parts.Add($"wait timer {protection.WaitTimer} minutes kept");
        return $"{environment.Environment}: {(environment.Observed is null ? "create" : "update")} ({string.Join(", ", parts)})";
    }
}
