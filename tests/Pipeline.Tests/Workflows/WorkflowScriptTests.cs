using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>Runs the workflows' own shell steps with bash, as the runner would, with the env: they declare.</summary>
public sealed class WorkflowScriptTests : IDisposable
{
    private static readonly Workflow Stage = Load(StageFile);
    private readonly StepRun _run = new();

    public void Dispose() => _run.Dispose();

    private static WorkflowStep CheckStep(string id) => Stage.Job("check").Steps.Single(s => s.Id == id);

    private (int ExitCode, string Output) Request(string operation, string confirm = "", string eventName = "workflow_dispatch",
        string gitRef = "refs/heads/main")
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        return _run.Run(CheckStep("request").Run!, new Dictionary<string, string>
        {
            ["STACK"] = "dev", ["OPERATION"] = operation, ["CONFIRM"] = confirm, ["EVENT"] = eventName, ["REF"] = gitRef, ["DEFAULT_BRANCH"] = "main",
        });
    }

    private (int ExitCode, string Output) Changes(string eventName, IReadOnlyList<string> files, string before = "0123456789abcdef0123456789abcdef01234567",
        string failure = "")
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        _run.ChangedFiles = files;
        var step = CheckStep("changes");
        return _run.Run(step.Run!, new Dictionary<string, string>
        {
            ["DOCUMENTATION_PATHS"] = step.Env["DOCUMENTATION_PATHS"], ["EVENT"] = eventName, ["GH_TOKEN"] = "token", ["REPOSITORY"] = "octo/pipeline",
            ["PULL_REQUEST"] = "42", ["BEFORE"] = before, ["AFTER"] = "fedcba9876543210fedcba9876543210fedcba98", ["FAKE_GH_FAILURE"] = failure,
        });
    }

    private (int ExitCode, string Output) Environments(string operation, bool trusted, bool optional, string[] existing, string failure = "")
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        Skip.If(!File.Exists("/usr/bin/jq") && !File.Exists("/usr/local/bin/jq"), "needs jq, as GitHub's runners have");
        _run.ExistingEnvironments = existing;
        return _run.Run(CheckStep("environments").Run!, new Dictionary<string, string>
        {
            ["STACK"] = "prod", ["OPERATION"] = operation, ["TRUSTED"] = trusted ? "true" : "false", ["OPTIONAL"] = optional ? "true" : "false",
            ["PRIVILEGED"] = "prod-privileged", ["UNPRIVILEGED"] = "prod-unprivileged", ["PREVIEW"] = "prod preview",
            ["GH_TOKEN"] = "token", ["REPOSITORY"] = "octo/pipeline", ["FAKE_GH_FAILURE"] = failure,
        });
    }

    [Fact]
    public void The_checks_read_the_inputs_and_the_event_through_env_only()
    {
        var request = CheckStep("request").Env;

        Assert.Equal("${{ inputs.confirm }}", request["CONFIRM"]);
        Assert.Equal("${{ inputs.operation }}", request["OPERATION"]);
        Assert.Equal("${{ github.ref }}", request["REF"]);
        Assert.Equal("${{ github.event.repository.default_branch }}", request["DEFAULT_BRANCH"]);
        Assert.Equal("${{ github.event.before }}", CheckStep("changes").Env["BEFORE"]);
        Assert.Equal("${{ inputs.optional }}", CheckStep("environments").Env["OPTIONAL"]);
    }

    [SkippableFact]
    public void Destroy_goes_ahead_when_the_confirm_input_is_the_stack_name()
    {
        var (exitCode, _) = Request("destroy", confirm: "dev");

        Assert.Equal(0, exitCode);
        Assert.Equal("true", _run.Outputs["trusted"]);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("prod")]
    [InlineData("dev\n::notice::injected")]
    [InlineData("dev\" ] || [ \"x")]
    public void Destroy_stops_with_a_clear_error_when_the_confirm_input_differs(string confirm)
    {
        var (exitCode, output) = Request("destroy", confirm);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("::error title=Destroy not confirmed::The confirm input must be the stack name (dev). Nothing was destroyed.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("::notice::", output, StringComparison.Ordinal);
        Assert.Empty(_run.Outputs);
    }

    [SkippableTheory]
    [InlineData("up", "workflow_dispatch", "refs/heads/feature")]
    [InlineData("destroy", "workflow_dispatch", "refs/tags/v1.0.0")]
    [InlineData("up", "pull_request", "refs/pull/5/merge")]
    [InlineData("up", "pull_request", "refs/heads/main")]
    public void Up_and_destroy_refuse_any_ref_but_the_default_branch(string operation, string eventName, string gitRef)
    {
        var (exitCode, output) = Request(operation, confirm: "dev", eventName, gitRef);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"::error title=Not the default branch::{operation} runs only from the default branch (main)", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was run.", output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("pull_request", "refs/pull/5/merge", "false")]
    [InlineData("workflow_dispatch", "refs/heads/feature", "false")]
    [InlineData("workflow_dispatch", "refs/heads/main", "true")]
    [InlineData("push", "refs/heads/main", "true")]
    public void A_preview_runs_from_any_ref_and_only_merged_code_is_trusted(string eventName, string gitRef, string trusted)
    {
        var (exitCode, output) = Request("preview", eventName: eventName, gitRef: gitRef);

        Assert.Equal(0, exitCode);
        Assert.Equal(trusted, _run.Outputs["trusted"]);
        Assert.Equal(trusted == "false", output.Contains("assume-role is not previewed", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("refresh")]
    [InlineData("")]
    [InlineData("up\n::notice::injected")]
    public void An_unknown_operation_is_refused_before_anything_runs(string operation)
    {
        var (exitCode, output) = Request(operation);

        Assert.Equal(1, exitCode);
        Assert.Equal("::error title=Unknown operation::The operation must be preview, up or destroy. Nothing was run.\n", output);
    }

    [SkippableTheory]
    [InlineData("README.md")]
    [InlineData("docs/setup.md", "docs/images/pipeline.png")]
    [InlineData("build/Pipeline/NOTES.md", "LICENSE", ".github/ISSUE_TEMPLATE/bug.yml")]
    public void A_pull_request_that_changes_documentation_only_runs_no_stage(params string[] files)
    {
        var (exitCode, output) = Changes("pull_request", files);

        Assert.Equal(0, exitCode);
        Assert.Equal("false", _run.Outputs["code"]);
        Assert.Contains("::notice title=Documentation only::", output, StringComparison.Ordinal);
        Assert.StartsWith("### Nothing to do", _run.Summary, StringComparison.Ordinal);
        Assert.Equal(["api --paginate repos/octo/pipeline/pulls/42/files?per_page=100 --jq .[].filename"], _run.GhCalls);
    }

    [SkippableTheory]
    [InlineData("README.md", "build/Build.cs")]
    [InlineData(".github/workflows/stage.yml")]
    [InlineData("deploy/stacks.yml")]
    [InlineData(".pulumi.version")]
    [InlineData("docs.cs")]
    public void Any_other_changed_file_makes_it_a_change_to_preview_and_deploy(params string[] files)
    {
        var (exitCode, _) = Changes("pull_request", files);

        Assert.Equal(0, exitCode);
        Assert.Equal("true", _run.Outputs["code"]);
        Assert.Equal(string.Empty, _run.Summary);
    }

    [SkippableFact]
    public void A_push_compares_the_commits_it_brings()
    {
        var (exitCode, _) = Changes("push", ["README.md"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("false", _run.Outputs["code"]);
        Assert.Equal(
            ["api repos/octo/pipeline/compare/0123456789abcdef0123456789abcdef01234567...fedcba9876543210fedcba9876543210fedcba98 --jq .files[].filename"],
            _run.GhCalls);
    }

    [SkippableTheory]
    [InlineData("0000000000000000000000000000000000000000")]
    [InlineData("")]
    public void A_push_without_a_parent_to_compare_with_counts_as_code(string before)
    {
        var (exitCode, _) = Changes("push", ["README.md"], before);

        Assert.Equal(0, exitCode);
        Assert.Equal("true", _run.Outputs["code"]);
        Assert.Empty(_run.GhCalls);
    }

    [SkippableTheory]
    [InlineData("push")]
    [InlineData("pull_request")]
    public void Changed_files_that_cannot_be_listed_count_as_code(string eventName)
    {
        // e.g. a force-push whose old head GitHub no longer knows: deploy rather than skip.
        var (exitCode, _) = Changes(eventName, ["README.md"], failure: "gh: Not Found (HTTP 404)");

        Assert.Equal(0, exitCode);
        Assert.Equal("true", _run.Outputs["code"]);
        Assert.Single(_run.GhCalls);
    }

    [SkippableTheory]
    [InlineData(299, "false")]
    [InlineData(300, "true")]
    public void A_comparison_at_githubs_listing_limit_counts_as_code(int count, string code)
    {
        var (exitCode, _) = Changes("push", [.. Enumerable.Range(0, count).Select(i => $"docs/page{i}.md")]);

        Assert.Equal(0, exitCode);
        Assert.Equal(code, _run.Outputs["code"]);
    }

    [SkippableTheory]
    [InlineData("preview", false, new[] { "prod%20preview" })]
    [InlineData("preview", true, new[] { "prod%20preview", "prod-unprivileged" })]
    [InlineData("up", true, new[] { "prod-privileged", "prod-unprivileged" })]
    [InlineData("destroy", true, new[] { "prod-privileged", "prod-unprivileged" })]
    public void The_stage_proceeds_when_the_environments_its_jobs_will_use_exist(string operation, bool trusted, string[] asked)
    {
        var (exitCode, _) = Environments(operation, trusted, optional: false, ["prod-privileged", "prod-unprivileged", "prod%20preview"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("true", _run.Outputs["ready"]);
        Assert.Equal(asked.Select(e => $"api repos/octo/pipeline/environments/{e} --silent"), _run.GhCalls);
    }

    [SkippableFact]
    public void A_stack_not_set_up_is_skipped_with_a_notice_when_it_is_optional()
    {
        var (exitCode, output) = Environments("up", trusted: true, optional: true, ["prod-unprivileged"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("false", _run.Outputs["ready"]);
        Assert.StartsWith("::notice title=prod skipped::Stack prod is not set up: the GitHub environment(s) prod-privileged do not exist.", output, StringComparison.Ordinal);
        Assert.StartsWith("### prod skipped", _run.Summary, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_stack_not_set_up_fails_the_run_when_it_was_asked_for()
    {
        var (exitCode, output) = Environments("up", trusted: true, optional: false, []);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("::error title=prod is not set up::Stack prod is not set up: the GitHub environment(s) prod-privileged prod-unprivileged do not exist.", output, StringComparison.Ordinal);
        Assert.Empty(_run.Outputs);
    }

    [SkippableFact]
    public void Environments_that_cannot_be_read_fail_saying_which_permission_is_needed()
    {
        var (exitCode, output) = Environments("up", trusted: true, optional: true, [], failure: "gh: Resource not accessible by integration (HTTP 403)");

        Assert.Equal(1, exitCode);
        Assert.Contains("::error title=Environments not readable::Reading the GitHub environment prod-privileged failed (gh: Resource not accessible by integration (HTTP 403))", output, StringComparison.Ordinal);
        Assert.Contains("actions: read", output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("create-role", "up", "UpCreateRole HandOff")]
    [InlineData("create-role", "destroy", "DestroyCreateRole RemoveHandOff")]
    [InlineData("assume-role", "up", "UpAssumeRole Verify")]
    [InlineData("assume-role", "preview", "PreviewAssumeRole")]
    public void Each_stage_job_runs_the_build_targets_of_its_operation(string job, string operation, string targets)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        _run.WriteScript("build.sh", "#!/usr/bin/env bash\necho \"build: $*\"");

        var (exitCode, output) = _run.Run(Stage.Job(job).Steps.Single(s => s.RunsBuild).Run!, new Dictionary<string, string> { ["OPERATION"] = operation });

        Assert.Equal(0, exitCode);
        Assert.Equal($"build: {targets}\n", output);
    }

    [SkippableTheory]
    [InlineData("create-role", "preview")]
    [InlineData("assume-role", "destroy")]
    public void A_stage_job_refuses_an_operation_it_does_not_run(string job, string operation)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");

        var (exitCode, output) = _run.Run(Stage.Job(job).Steps.Single(s => s.RunsBuild).Run!, new Dictionary<string, string> { ["OPERATION"] = operation });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("::error::", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_setup_reads_the_pulumi_aws_version_the_plugin_cache_is_keyed_on()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        var props = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"));
        File.WriteAllText(Path.Combine(_run.WorkingDirectory, "Directory.Packages.props"), props);
        var step = CompositeAction.Load("setup").Steps.Single(s => s.Id == "aws-provider");

        var (exitCode, _) = _run.Run(step.Run!, new Dictionary<string, string>());

        Assert.Equal(0, exitCode);
        Assert.Contains($"<PackageVersion Include=\"Pulumi.Aws\" Version=\"{_run.Outputs["version"]}\" />", props, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+$", _run.Outputs["version"]);
    }

    [SkippableFact]
    public void The_setup_fails_clearly_when_no_pulumi_aws_version_is_declared()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        File.WriteAllText(Path.Combine(_run.WorkingDirectory, "Directory.Packages.props"), "<Project />");

        var (exitCode, output) = _run.Run(CompositeAction.Load("setup").Steps.Single(s => s.Id == "aws-provider").Run!, new Dictionary<string, string>());

        Assert.Equal(1, exitCode);
        Assert.StartsWith("::error title=No Pulumi.Aws version::", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_pull_request_without_secrets_gets_a_job_summary_saying_why()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        var notice = Load("preview.yml").Job("no-secrets-notice").Steps.Single();

        var (exitCode, _) = _run.Run(notice.Run!, new Dictionary<string, string>());

        Assert.Equal(0, exitCode);
        Assert.StartsWith("### Preview skipped", _run.Summary, StringComparison.Ordinal);
        Assert.Contains("no secrets to workflows run for pull requests from forks", _run.Summary, StringComparison.Ordinal);
    }
}
