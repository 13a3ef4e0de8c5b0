using YamlDotNet.RepresentationModel;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// The two Node projects on GitHub: the policy pack (policy/), which the build passes to every Pulumi preview
/// and update and the engine starts with Node, so every job that runs one has Node 22 and policy/node_modules;
/// and the pack's and the IAM policies' (deploy/iam/) test suites, which CI runs. Dependabot keeps both current.
/// </summary>
public sealed class WorkflowPolicyPackTests
{
    private const string PolicyModulesKey =
        "policy-node-modules-${{ runner.os }}-${{ runner.arch }}-node-${{ steps.node.outputs.node-version }}-${{ hashFiles('policy/package-lock.json') }}";

    private static readonly IReadOnlyList<WorkflowStep> SetupSteps = CompositeAction.Load("setup").Steps;

    private static IEnumerable<(Workflow Workflow, WorkflowJob Job, WorkflowStep Setup)> SetupUses =>
        Names.Select(Load).SelectMany(w => w.Jobs.SelectMany(j => j.Steps.Where(s => s.Uses == CompositeAction.SetupReference).Select(s => (w, j, s))));

    private static int IndexOf(Func<WorkflowStep, bool> match) => SetupSteps.ToList().FindIndex(s => match(s));

    [Fact]
    public void The_setup_installs_node_22_then_the_policy_packs_locked_packages_unless_asked_not_to()
    {
        var node = Assert.Single(SetupSteps, s => s.Uses?.StartsWith("actions/setup-node@", StringComparison.Ordinal) == true);
        var install = Assert.Single(SetupSteps, s => s.Run?.Contains("npm ci", StringComparison.Ordinal) == true);

        Assert.Equal("node", node.Id);
        Assert.Equal("22", node.With["node-version"]);
        Assert.Equal("policy", Scalar(install.Node, "working-directory"));
        Assert.Equal("npm ci --no-audit --no-fund", install.Run);
        Assert.Equal("inputs.policy-pack == 'true'", node.If);
        Assert.StartsWith("inputs.policy-pack == 'true' && ", install.If, StringComparison.Ordinal);
        Assert.Equal("true", Scalar(CompositeAction.Load("setup").Inputs["policy-pack"], "default"));
        Assert.True(IndexOf(s => s == node) < IndexOf(s => s == install), "Node before npm ci");
    }

    [Fact]
    public void The_policy_packs_node_modules_are_cached_by_lockfile_and_node_version_and_saved_only_by_credential_free_jobs()
    {
        var caches = SetupSteps.Where(s => s.With.GetValueOrDefault("path") == "policy/node_modules").ToList();
        var install = Assert.Single(SetupSteps, s => s.Run?.Contains("npm ci", StringComparison.Ordinal) == true);

        Assert.Equal(2, caches.Count);
        Assert.All(caches, c => Assert.Equal(PolicyModulesKey, c.With["key"]));
        // npm ci replaces whatever node_modules it finds: a near match restores nothing worth having.
        Assert.All(caches, c => Assert.False(c.With.ContainsKey("restore-keys")));
        // The restore-only variant wherever the job may hold a credential; the saving one only where save-caches is true.
        Assert.StartsWith("actions/cache/restore@", caches[0].Uses, StringComparison.Ordinal);
        Assert.Equal("inputs.policy-pack == 'true' && inputs.save-caches != 'true'", caches[0].If);
        Assert.StartsWith("actions/cache@", caches[1].Uses, StringComparison.Ordinal);
        Assert.Equal("inputs.policy-pack == 'true' && inputs.save-caches == 'true'", caches[1].If);
        // An exact hit skips the install; anything else installs the lockfile.
        Assert.Equal(
            $"inputs.policy-pack == 'true' && steps.{caches[0].Id}.outputs.cache-hit != 'true' && steps.{caches[1].Id}.outputs.cache-hit != 'true'",
            install.If);
        Assert.All(caches, c => Assert.True(IndexOf(s => s == c) < IndexOf(s => s == install), "cache before npm ci"));
    }

    [Fact]
    public void Every_job_that_runs_pulumi_gets_the_policy_pack()
    {
        // The build passes --policy-pack policy to every preview and update; without policy/node_modules the
        // engine cannot start the pack and the operation fails.
        var pulumiJobs = SetupUses.Where(x => x.Setup.With.GetValueOrDefault("pulumi") != "false").ToList();

        Assert.NotEmpty(pulumiJobs);
        Assert.All(pulumiJobs, x => Assert.True(x.Setup.With.GetValueOrDefault("policy-pack") != "false", $"{x.Workflow}: {x.Job} runs Pulumi without the policy pack"));
    }

    [Fact]
    public void On_GitHub_the_security_claims_run_on_radosgw_or_fail_they_are_never_skipped()
    {
        var test = Load("ci.yml").Job("test").Steps.Single(s => s.RunsBuild);

        Assert.Equal("true", test.Env["RGW_REQUIRED"]);
        Assert.EndsWith("/rgw/config.json", test.Env["RGW_TEST_CONFIG"], StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_runs_the_policy_pack_and_iam_policy_tests_with_node_22_after_the_dotnet_tests()
    {
        var test = Load("ci.yml").Job("test");
        var steps = test.Steps.ToList();
        var setup = steps.FindIndex(s => s.Uses == CompositeAction.SetupReference);
        var dotnet = steps.FindIndex(s => s.RunsBuild);
        var policy = steps.FindIndex(s => Scalar(s.Node, "working-directory") == "policy");
        var iam = steps.FindIndex(s => Scalar(s.Node, "working-directory") == "deploy/iam");

        // Node 22 and policy/node_modules come from the setup (not switched off here).
        Assert.NotEqual("false", steps[setup].With.GetValueOrDefault("policy-pack"));
        Assert.Equal("setup", steps[setup].Id);
        Assert.Equal("npm test", steps[policy].Run);
        Assert.Equal("npm ci --no-audit --no-fund\nnpm test\n", steps[iam].Run);
        Assert.True(setup < dotnet && dotnet < policy && policy < iam, "setup, the .NET tests, then the Node suites");
        // Whatever the .NET tests found, as .ci/run does; not when the setup failed (there would be no Node).
        Assert.All([steps[policy], steps[iam]], s => Assert.Equal("${{ !cancelled() && steps.setup.outcome == 'success' }}", s.If));
    }

    [Theory]
    [InlineData("/policy")]
    [InlineData("/deploy/iam")]
    [InlineData("/.ci/lint")]
    public void Dependabot_keeps_each_npm_project_current(string directory)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "dependabot.yml"));
        var updates = ((YamlSequenceNode)LoadYaml(text)["updates"]).Children.Cast<YamlMappingNode>();

        Assert.Single(updates, u => Scalar(u, "package-ecosystem") == "npm" && Scalar(u, "directory") == directory);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, directory.TrimStart('/'), "package-lock.json")), $"{directory} has no package-lock.json");
    }
}
