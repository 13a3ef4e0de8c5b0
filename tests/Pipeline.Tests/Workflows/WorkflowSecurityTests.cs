using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Safety.HandOff;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// Who holds which credential: each identity's secrets reach only the jobs of its environment, only the
/// steps that use them, and nothing is granted or pinned loosely. (What keeps a pull request out of the
/// deploy environments is their branch policy on GitHub, which no file here can show: README, Threat model.)
/// </summary>
public sealed partial class WorkflowSecurityTests
{
    private const string Privileged = "${{ inputs.privileged-environment }}";
    private const string Unprivileged = "${{ inputs.unprivileged-environment }}";
    private const string Preview = "${{ inputs.preview-environment }}";

    private static readonly string[] PrivilegedSecrets = ["HANDOFF_TOKEN", "AWS_PRIVILEGED_ACCESS_KEY_ID", "AWS_PRIVILEGED_SECRET_ACCESS_KEY"];

    // The fourth is the fingerprint the hand-off writes beside the three credentials.
    private static readonly string[] HandedOffSecrets =
        [HandOffSecretNames.RoleArn, HandOffSecretNames.AccessKeyId, HandOffSecretNames.SecretAccessKey, "ASSUME_ROLE_HANDOFF_FINGERPRINT"];

    private static readonly string[] StateSecrets = ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"];

    private static readonly Workflow Stage = Load(StageFile);

    private static IEnumerable<(Workflow Workflow, WorkflowJob Job)> AllJobs(WorkflowSet set) =>
        Names.Select(set.Load).SelectMany(w => w.Jobs.Select(j => (w, j)));

    private static IEnumerable<WorkflowStep> AllSteps(WorkflowSet set) =>
        AllJobs(set).SelectMany(x => x.Job.Steps).Concat(CompositeAction.Names.Select(CompositeAction.Load).SelectMany(a => a.Steps));

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Only_the_stage_jobs_run_in_an_environment_each_in_the_one_its_identity_needs(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var withEnvironment = AllJobs(set).Where(x => x.Job.Environment is not null).Select(x => (x.Workflow.Name, x.Job.Id, x.Job.Environment)).ToList();

        Assert.Equal(
            [
                // The sweep's plan reads the review stacks' state list and maps no hand-off secret (README: Review stacks).
                ("review-sweep.yml", "plan", "aws-review-unprivileged"),
                (StageFile, "preview-create-role", Preview),
                (StageFile, "destroy-assume-role", Unprivileged),
                (StageFile, "create-role", Privileged),
                (StageFile, "assume-role", Unprivileged),
            ],
            withEnvironment);
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Jobs_see_no_secret_but_those_of_their_identity(string setName)
    {
        var set = WorkflowSet.Named(setName);
        Assert.All(AllJobs(set), x =>
        {
            string[] allowed = x.Job.Environment switch
            {
                Privileged => [.. PrivilegedSecrets, .. StateSecrets],
                Unprivileged => [.. HandedOffSecrets, .. StateSecrets],
                Preview => StateSecrets,
                "aws-review-unprivileged" => StateSecrets,
                _ => [],
            };
            Assert.Empty(x.Job.Secrets.Except(allowed));
        });
    }

    [Fact]
    public void A_preview_holds_no_privileged_key_and_assumes_the_read_only_role_through_oidc_only()
    {
        var preview = Stage.Job("preview-create-role");
        var aws = Assert.Single(preview.Steps, s => s.Uses?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true);

        Assert.Equal(["role-to-assume", "aws-region"], aws.With.Keys);
        Assert.Equal("${{ vars.AWS_PREVIEW_ROLE_ARN }}", aws.With["role-to-assume"]);
        Assert.Null(aws.If);
        var guard = preview.Steps[0];
        Assert.Equal("vars.AWS_PREVIEW_ROLE_ARN == ''", guard.If);
        Assert.Contains("exit 1", guard.Run, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unprivileged_build_step_gets_the_four_handed_off_secrets_under_the_names_the_build_reads()
    {
        var steps = Stage.Jobs.Where(j => j.Environment == Unprivileged).Select(j => j.Steps.Single(s => s.RunsBuild)).ToList();

        // A review stack's environment holds none of them: its build reads create-role's outputs from the state instead.
        Assert.Equal(2, steps.Count);
        Assert.All(steps, step => Assert.All(HandedOffSecrets, name => Assert.Equal($"${{{{ secrets.{name} }}}}", step.Env[name])));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void The_secrets_token_reaches_one_step_the_one_that_writes_or_removes_the_hand_off(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var steps = AllJobs(set).SelectMany(x => x.Job.Steps.Where(s => s.Secrets.Contains("HANDOFF_TOKEN")).Select(s => (x.Job, Step: s))).ToList();

        var (job, step) = Assert.Single(steps);
        Assert.Equal("create-role", job.Id);
        // Only for the operations whose targets write (HandOff) or remove (RemoveHandOff) the hand-off, and never for a review stack.
        Assert.Equal("${{ !inputs.review && contains(fromJSON('[\"up\", \"destroy\", \"remediate\", \"rotate\"]'), inputs.operation) && secrets.HANDOFF_TOKEN || '' }}",
            step.Env["GITHUB_SECRETS_TOKEN"]);
        Assert.Contains("./build.sh UpCreateRole HandOff", step.Run, StringComparison.Ordinal);
        Assert.Contains("./build.sh DestroyCreateRole RemoveHandOff", step.Run, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Secrets_are_given_to_steps_never_to_a_whole_job_or_workflow(string setName)
    {
        var set = WorkflowSet.Named(setName);
        Assert.All(Names.Select(set.Load), w => Assert.Empty(SecretsIn(Mapping(w.Root, "env"))));
        Assert.All(AllJobs(set), x => Assert.Empty(SecretsIn(Mapping(x.Job.Node, "env"))));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Callers_pass_no_secrets_each_stage_job_gets_its_own_from_its_environment(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var callers = AllJobs(set).Where(x => x.Job.Uses is not null).ToList();

        Assert.NotEmpty(callers);
        Assert.All(callers, x => Assert.False(x.Job.Node.Children.ContainsKey("secrets"), $"{x.Workflow}/{x.Job} passes secrets"));
        Assert.DoesNotContain(Names.Select(set.Load), w => w.Text.Contains("secrets: inherit", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Workflows_that_touch_aws_grant_nothing_by_default(string setName)
    {
        var set = WorkflowSet.Named(setName);
        Assert.All([.. Callers, StageFile], name =>
        {
            var permissions = set.Load(name).Root["permissions"];
            Assert.Equal(YamlDotNet.RepresentationModel.YamlNodeType.Mapping, permissions.NodeType);
            Assert.Empty(((YamlDotNet.RepresentationModel.YamlMappingNode)permissions).Children);
        });
    }

    [Fact]
    public void Every_stage_job_states_its_permissions_and_writes_only_what_it_needs()
    {
        var granted = Stage.Jobs.ToDictionary(j => j.Id, j => j.Permissions);

        Assert.Equal(new Dictionary<string, string> { ["actions"] = "read", ["contents"] = "read", ["pull-requests"] = "read" }, granted["check"]);
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["id-token"] = "write", ["pull-requests"] = "write" }, granted["preview-create-role"]);
        // pull-requests: write for a review stack's PR comment (its outputs and Verify); GitHub gives a push none to write to.
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["id-token"] = "write", ["pull-requests"] = "write" }, granted["create-role"]);
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["pull-requests"] = "write" }, granted["assume-role"]);
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["pull-requests"] = "write" }, granted["destroy-assume-role"]);
        // A caller must grant what any called job asks for: issues: write here would reach every caller.
        Assert.All(granted.Values, permissions => Assert.DoesNotContain("issues", permissions.Keys));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Every_caller_grants_exactly_what_the_stage_jobs_use_together(string setName)
    {
        var set = WorkflowSet.Named(setName);
        // GitHub refuses to start a caller that grants less than any called job asks for, even a skipped one;
        // each called job still gets only its own.
        var union = Stage.Jobs.SelectMany(j => j.Permissions)
            .GroupBy(p => p.Key, p => p.Value)
            .ToDictionary(g => g.Key, g => g.Contains("write") ? "write" : "read");

        var callers = Callers.Select(set.Load).SelectMany(w => w.Jobs.Where(j => j.Uses == StageReference)).ToList();

        Assert.NotEmpty(callers);
        Assert.All(callers, job => Assert.Equal(union, job.Permissions));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Jobs_without_a_stage_state_their_permissions_and_write_nothing_but_the_drift_issues(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var others = AllJobs(set).Where(x => x.Workflow.Name != StageFile && x.Job.Uses is null).ToList();

        Assert.NotEmpty(others);
        Assert.All(others, x =>
        {
            Assert.True(x.Job.Node.Children.ContainsKey("permissions"), $"{x.Job.Id} states no permissions");
            Assert.DoesNotContain("write", x.Job.Permissions.Where(p => !IsDriftIssueJob(x)).Select(p => p.Value));
        });
        Assert.All(others.Where(IsDriftIssueJob), x =>
            Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["issues"] = "write" }, x.Job.Permissions));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Only_the_drift_issue_jobs_may_write_issues_and_they_hold_no_environment_and_no_secret(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var writers = AllJobs(set).Where(x => x.Job.Permissions.GetValueOrDefault("issues") == "write").ToList();

        Assert.NotEmpty(writers);
        Assert.All(writers, x =>
        {
            Assert.True(IsDriftIssueJob(x), $"{x.Workflow}/{x.Job} writes issues");
            Assert.Null(x.Job.Environment);
            Assert.Empty(x.Job.Secrets);
            var publish = x.Job.Steps.Single(s => s.RunsBuild);
            Assert.Equal(["DRIFT_REPORTS", "GITHUB_TOKEN"], publish.Env.Keys.Order());
            Assert.Equal("${{ github.token }}", publish.Env["GITHUB_TOKEN"]);
            // The token reaches only the step that needs it, after the code and packages are in place.
            Assert.All(x.Job.Steps.Where(s => s != publish), s => Assert.DoesNotContain("github.token", string.Concat(Scalars(s.Node)), StringComparison.Ordinal));
        });
    }

    private static bool IsDriftIssueJob((Workflow Workflow, WorkflowJob Job) x) =>
        x.Workflow.Name == "drift.yml" && x.Job.Id.StartsWith("issues-", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var texts = Names.Select(set.Load).Select(w => w.Text).Concat(CompositeAction.Names.Select(CompositeAction.Load).Select(a => a.Text));
        var lines = texts.SelectMany(t => t.Split('\n'))
            .Where(l => Regex.IsMatch(l, @"^\s*(-\s+)?uses:\s", RegexOptions.None, TimeSpan.FromSeconds(1)))
            .Where(l => !l.Contains("uses: ./.github/", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(PinnedUsesPattern(), line));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Local_actions_and_workflows_are_the_only_unpinned_uses(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var local = AllJobs(set).Select(x => x.Job.Uses).Concat(AllSteps(set).Select(s => s.Uses)).OfType<string>().Where(u => !u.Contains('@', StringComparison.Ordinal)).Distinct().Order();

        Assert.Equal([CompositeAction.SetupReference, StageReference], local);
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void One_action_is_pinned_to_the_same_commit_everywhere(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var pins = AllSteps(set).Select(s => s.Uses).OfType<string>().Where(u => u.Contains('@', StringComparison.Ordinal))
            .Select(u => u.Split('@')).GroupBy(p => p[0]);

        Assert.All(pins, group => Assert.Single(group.Select(p => p[1]).Distinct()));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void No_run_script_contains_an_expression(string setName)
    {
        var set = WorkflowSet.Named(setName);
        // Expressions are pasted into the script before bash runs it: a branch name or PR title could
        // become code. Every value reaches scripts through env: instead.
        var scripts = AllSteps(set).Select(s => s.Run).OfType<string>().ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, run => Assert.DoesNotContain("${{", run, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Checkouts_do_not_leave_the_token_in_the_git_config(string setName)
    {
        var set = WorkflowSet.Named(setName);
        var checkouts = AllSteps(set).Where(s => s.Uses?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(checkouts);
        Assert.All(checkouts, s => Assert.Equal("false", s.With["persist-credentials"]));
    }

    [Theory]
    [MemberData(nameof(WorkflowSet.All), MemberType = typeof(WorkflowSet))]
    public void Only_ci_which_holds_no_credential_saves_the_nuget_nuke_and_policy_pack_caches(string setName)
    {
        var set = WorkflowSet.Named(setName);
        // .nuke/temp keeps the build's log, and what a job on main saves any pull request can restore: the
        // setup saves the NuGet/.nuke/temp cache and policy/node_modules only where save-caches is true.
        var savers = AllJobs(set).Where(x => x.Job.Steps.Any(s => s.Uses == CompositeAction.SetupReference && s.With.GetValueOrDefault("save-caches") == "true"))
            .Select(x => (x.Workflow.Name, x.Job.Id));

        Assert.Equal([("ci.yml", "test")], savers);
        Assert.All(AllJobs(set).Where(x => x.Workflow.Name == "ci.yml"), x => Assert.Empty(x.Job.Secrets));
    }

    [Fact]
    public void Dependabot_keeps_the_actions_of_workflows_and_composite_actions_and_the_nuget_packages_current()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "dependabot.yml"));
        var updates = (YamlDotNet.RepresentationModel.YamlSequenceNode)LoadYaml(text)["updates"];
        var actions = updates.Children.Cast<YamlDotNet.RepresentationModel.YamlMappingNode>().Single(u => Scalar(u, "package-ecosystem") == "github-actions");

        Assert.Equal(["/", "/.github/actions/*"], Sequence(actions, "directories"));
        Assert.Contains("package-ecosystem: nuget", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s+[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")]
    private static partial Regex PinnedUsesPattern();
}
