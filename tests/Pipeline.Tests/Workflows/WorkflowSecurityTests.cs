using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.GitHub.HandOff;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

public sealed partial class WorkflowSecurityTests
{
    private static readonly string[] PrivilegedSecrets = ["HANDOFF_TOKEN", "AWS_PRIVILEGED_ACCESS_KEY_ID", "AWS_PRIVILEGED_SECRET_ACCESS_KEY"];
    private static readonly string[] HandedOffSecrets = [HandOffSecretNames.RoleArn, HandOffSecretNames.AccessKeyId, HandOffSecretNames.SecretAccessKey];
    private static readonly string[] SharedSecrets = ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"];

    private static IEnumerable<(Workflow Workflow, WorkflowJob Job)> AllJobs =>
        Names.Select(Load).SelectMany(w => w.Jobs.Select(j => (w, j)));

    [Fact]
    public void Privileged_secrets_reach_only_jobs_of_the_privileged_environment()
    {
        Assert.All(AllJobs.Where(x => x.Job.Secrets.Intersect(PrivilegedSecrets).Any()),
            x => Assert.Equal("aws-privileged", x.Job.Environment));
    }

    [Fact]
    public void Handed_off_secrets_reach_only_jobs_of_the_unprivileged_environment()
    {
        Assert.All(AllJobs.Where(x => x.Job.Secrets.Intersect(HandedOffSecrets).Any()),
            x => Assert.Equal("aws-unprivileged", x.Job.Environment));
    }

    [Fact]
    public void Jobs_see_no_secret_but_those_of_their_side()
    {
        Assert.All(AllJobs, x =>
        {
            string[] allowed = x.Job.Environment switch
            {
                "aws-privileged" => [.. PrivilegedSecrets, .. SharedSecrets],
                "aws-unprivileged" => [.. HandedOffSecrets, .. SharedSecrets],
                _ => [],
            };
            Assert.Empty(x.Job.Secrets.Except(allowed));
        });
    }

    [Fact]
    public void Unprivileged_build_steps_get_the_handed_off_secrets_under_the_names_the_build_reads()
    {
        var steps = AllJobs.Where(x => x.Job.Environment == "aws-unprivileged").Select(x => x.Job.Steps.Single(s => s.RunsBuild)).ToList();

        Assert.Equal(3, steps.Count);
        Assert.All(steps, step => Assert.All(HandedOffSecrets, name => Assert.Equal($"${{{{ secrets.{name} }}}}", step.Env[name])));
    }

    [Fact]
    public void The_secrets_token_reaches_only_the_single_hand_off_step_of_deploy_and_of_destroy()
    {
        var steps = AllJobs.SelectMany(x => x.Job.Steps.Where(s => s.Secrets.Contains("HANDOFF_TOKEN")).Select(s => (x.Job, Step: s))).ToList();

        Assert.Equal(["deploy-create-role", "destroy-create-role"], steps.Select(s => s.Job.Id));
        Assert.All(steps, s =>
        {
            Assert.Equal("${{ secrets.HANDOFF_TOKEN }}", s.Step.Env["GITHUB_SECRETS_TOKEN"]);
            Assert.Contains("HandOff", s.Step.Run, StringComparison.Ordinal);
            Assert.Single(s.Job.Steps, step => step.Secrets.Contains("HANDOFF_TOKEN"));
        });
    }

    [Fact]
    public void Secrets_are_given_to_steps_never_to_a_whole_job_or_workflow()
    {
        Assert.All(Names.Select(Load), w => Assert.Empty(SecretsIn(Mapping(w.Root, "env"))));
        Assert.All(AllJobs, x => Assert.Empty(SecretsIn(Mapping(x.Job.Node, "env"))));
    }

    [Theory]
    [InlineData("preview.yml")]
    [InlineData("deploy.yml")]
    [InlineData("destroy.yml")]
    public void Workflows_that_touch_aws_grant_nothing_by_default(string name)
    {
        var permissions = Load(name).Root["permissions"];

        Assert.Equal(YamlDotNet.RepresentationModel.YamlNodeType.Mapping, permissions.NodeType);
        Assert.Empty(((YamlDotNet.RepresentationModel.YamlMappingNode)permissions).Children);
    }

    [Fact]
    public void Every_job_states_its_permissions_and_writes_only_what_it_needs()
    {
        Assert.All(AllJobs, x =>
        {
            var permissions = Map(Mapping(x.Job.Node, "permissions") ?? throw new Xunit.Sdk.XunitException($"{x.Job.Id} states no permissions"));
            var writes = permissions.Where(p => p.Value == "write").Select(p => p.Key).Order().ToList();
            List<string> expected = (x.Workflow.Name, x.Job.Environment) switch
            {
                ("preview.yml", "aws-privileged") => ["id-token", "pull-requests"],
                ("preview.yml", "aws-unprivileged") => ["pull-requests"],
                (_, "aws-privileged") => ["id-token"],
                _ => [],
            };
            Assert.Equal(expected, writes);
            Assert.All(permissions.Values, v => Assert.Contains(v, new[] { "read", "write", "none" }));
        });
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment()
    {
        var lines = Names.Select(Load).SelectMany(w => w.Text.Split('\n').Where(l => l.TrimStart().StartsWith("- uses:", StringComparison.Ordinal) || l.TrimStart().StartsWith("uses:", StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(PinnedUsesPattern(), line));
    }

    [Fact]
    public void One_action_is_pinned_to_the_same_commit_everywhere()
    {
        var pins = AllJobs.SelectMany(x => x.Job.Steps).Select(s => s.Uses).OfType<string>()
            .Select(u => u.Split('@')).GroupBy(p => p[0]);

        Assert.All(pins, group => Assert.Single(group.Select(p => p[1]).Distinct()));
    }

    [Fact]
    public void No_run_script_contains_an_expression()
    {
        // Expressions are pasted into the script before bash runs it: a branch name or PR title could
        // become code. Every value reaches scripts through env: instead.
        Assert.All(AllJobs.SelectMany(x => x.Job.Steps.Select(s => (x.Job.Id, s.Run))).Where(r => r.Run is not null),
            r => Assert.DoesNotContain("${{", r.Run, StringComparison.Ordinal));
    }

    [Fact]
    public void Checkouts_do_not_leave_the_token_in_the_git_config()
    {
        var checkouts = AllJobs.SelectMany(x => x.Job.Steps).Where(s => s.Uses?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(checkouts);
        Assert.All(checkouts, s => Assert.Equal("false", s.With["persist-credentials"]));
    }

    [Fact]
    public void Dependabot_keeps_the_actions_and_nuget_packages_current()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "dependabot.yml"));

        Assert.Contains("package-ecosystem: github-actions", text, StringComparison.Ordinal);
        Assert.Contains("package-ecosystem: nuget", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s+[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")]
    private static partial Regex PinnedUsesPattern();
}
