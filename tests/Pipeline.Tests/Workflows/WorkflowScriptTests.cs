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
        string gitRef = "refs/heads/main", string defaultBranch = "main")
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        return _run.Run(CheckStep("request").Run!, new Dictionary<string, string>
        {
            ["STACK"] = "dev", ["OPERATION"] = operation, ["CONFIRM"] = confirm, ["EVENT"] = eventName, ["REF"] = gitRef,
            ["DEFAULT_BRANCH"] = defaultBranch,
        });
    }

    /// <summary>Runs a stage job's build step with a stand-in build.sh that logs its arguments and exits with <paramref name="buildExitCode"/>.</summary>
    private (int ExitCode, string Output) BuildStep(string job, string operation, int buildExitCode = 0, string maxKeyAge = "")
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        _run.WriteScript("build.sh", $"#!/usr/bin/env bash\necho \"build: $*\"\nexit {buildExitCode}");
        return _run.Run(Stage.Job(job).Steps.Single(s => s.RunsBuild).Run!, new Dictionary<string, string>
        {
            ["OPERATION"] = operation, ["MAX_KEY_AGE_DAYS"] = maxKeyAge,
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

    /// <summary>Runs the check job's build step with a stand-in build.sh that logs its arguments and exits with <paramref name="buildExitCode"/>.</summary>
    private (int ExitCode, string Output) Environments(string operation, bool trusted = false, bool optional = false, bool review = false,
        string maxKeyAge = "", int buildExitCode = 0)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        _run.WriteScript("build.sh", $"#!/usr/bin/env bash\nprintf 'build:'; printf ' <%s>' \"$@\"; echo; exit {buildExitCode}");
        return _run.Run(CheckStep("environments").Run!, new Dictionary<string, string>
        {
            ["STACK"] = "prod", ["OPERATION"] = operation, ["TRUSTED"] = trusted ? "true" : "false", ["OPTIONAL"] = optional ? "true" : "false",
            ["REVIEW"] = review ? "true" : "false", ["MAX_KEY_AGE_DAYS"] = maxKeyAge,
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
        var environments = CheckStep("environments").Env;
        Assert.Equal("${{ inputs.optional }}", environments["OPTIONAL"]);
        Assert.Equal("${{ inputs.max-key-age }}", environments["MAX_KEY_AGE_DAYS"]);
        Assert.Equal("${{ inputs.review }}", environments["REVIEW"]);
        Assert.Equal("${{ steps.request.outputs.trusted }}", environments["TRUSTED"]);
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
    [InlineData("drift", "workflow_dispatch", "refs/heads/feature")]
    [InlineData("refresh", "workflow_dispatch", "refs/heads/feature")]
    [InlineData("remediate", "pull_request", "refs/pull/5/merge")]
    [InlineData("rotate", "workflow_dispatch", "refs/heads/feature")]
    public void Every_operation_but_preview_refuses_any_ref_but_the_default_branch(string operation, string eventName, string gitRef)
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

    [SkippableFact]
    public void Every_operation_of_the_stage_is_accepted_from_the_default_branch()
    {
        Assert.All(Workflow.Operations, operation =>
        {
            var (exitCode, output) = Request(operation, confirm: "dev");
            Assert.True(exitCode == 0, $"{operation}: {output}");
        });
    }

    [SkippableTheory]
    [InlineData("drift")]
    [InlineData("rotate")]
    public void A_scheduled_run_is_the_default_branchs_though_its_event_names_no_repository(string operation)
    {
        // GitHub's schedule payload has no repository, so github.event.repository.default_branch is empty.
        var (exitCode, _) = Request(operation, eventName: "schedule", defaultBranch: "");

        Assert.Equal(0, exitCode);
        Assert.Equal("true", _run.Outputs["trusted"]);
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
    [InlineData("preview", false, false, false, "", "<CheckEnvironments> <--stack> <prod> <--operation> <preview>")]
    [InlineData("preview", true, false, false, "", "<CheckEnvironments> <--stack> <prod> <--operation> <preview> <--trusted>")]
    [InlineData("up", true, true, false, "", "<CheckEnvironments> <--stack> <prod> <--operation> <up> <--trusted> <--optional>")]
    [InlineData("destroy", true, false, true, "", "<CheckEnvironments> <--stack> <prod> <--operation> <destroy> <--trusted> <--review>")]
    [InlineData("rotate", true, false, false, "30", "<CheckEnvironments> <--stack> <prod> <--operation> <rotate> <--trusted> <--max-key-age> <30>")]
    // Passed on whole, as one argument: the build refuses it with its own rule (MaxKeyAge), naming the value.
    [InlineData("rotate", true, false, false, "30 days\n::notice::x", "<CheckEnvironments> <--stack> <prod> <--operation> <rotate> <--trusted> <--max-key-age> <30 days\n::notice::x>")]
    public void The_check_runs_the_builds_CheckEnvironments_with_the_request(string operation, bool trusted, bool optional, bool review, string maxKeyAge,
        string arguments)
    {
        var (exitCode, output) = Environments(operation, trusted, optional, review, maxKeyAge);

        Assert.Equal(0, exitCode);
        Assert.Equal($"build: {arguments}\n", output);
    }

    [SkippableFact]
    public void The_check_fails_when_the_builds_check_fails()
    {
        // An unknown operation, a bad max-key-age, a stack not declared, an environment missing or unprotected.
        var (exitCode, _) = Environments("apply", buildExitCode: 1);

        Assert.Equal(1, exitCode);
    }

    /// <param name="invocations">The build.sh runs in order, separated by " | ".</param>
    [SkippableTheory]
    [InlineData("create-role", "up", "UpCreateRole HandOff")]
    [InlineData("create-role", "destroy", "DestroyCreateRole RemoveHandOff")]
    [InlineData("create-role", "drift", "DriftCreateRole")]
    [InlineData("create-role", "refresh", "RefreshCreateRole")]
    // HandOff is ordered after UpCreateRole only, and NUKE orders unrelated targets by their definitions: two runs.
    [InlineData("create-role", "remediate", "RemediateCreateRole HandOff")]
    [InlineData("create-role", "rotate", "RotateKeyCreateRole HandOff")]
    [InlineData("assume-role", "up", "UpAssumeRole Verify")]
    [InlineData("assume-role", "preview", "PreviewAssumeRole")]
    [InlineData("assume-role", "drift", "DriftAssumeRole")]
    [InlineData("assume-role", "refresh", "RefreshAssumeRole")]
    [InlineData("assume-role", "remediate", "RemediateAssumeRole Verify")]
    [InlineData("assume-role", "rotate", "RotateKeyAssumeRole")]
    public void Each_stage_job_runs_the_build_targets_of_its_operation(string job, string operation, string invocations)
    {
        var (exitCode, output) = BuildStep(job, operation);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Concat(invocations.Split(" | ").Select(targets => $"build: {targets}\n")), output);
    }

    [SkippableTheory]
    [InlineData("create-role", "preview")]
    [InlineData("assume-role", "destroy")]
    [InlineData("create-role", "apply")]
    [InlineData("assume-role", "apply")]
    public void A_stage_job_refuses_an_operation_it_does_not_run(string job, string operation)
    {
        var (exitCode, output) = BuildStep(job, operation);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("::error::", output, StringComparison.Ordinal);
        Assert.DoesNotContain("build:", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_secrets_token_reaches_exactly_the_operations_that_write_or_remove_the_hand_off()
    {
        var token = Stage.Job("create-role").Steps.Single(s => s.RunsBuild).Env["GITHUB_SECRETS_TOKEN"];

        Assert.All(Workflow.Operations.Where(o => o != "preview"), operation =>
        {
            var (_, output) = BuildStep("create-role", operation);
            var handsOff = output.Contains("HandOff", StringComparison.Ordinal);
            Assert.True(handsOff == token.Contains($"\"{operation}\"", StringComparison.Ordinal), $"{operation}: {output}");
        });
    }

    [SkippableTheory]
    [InlineData("30", "build: RotateKeyCreateRole HandOff --max-key-age 30\n")]
    [InlineData("", "build: RotateKeyCreateRole HandOff\n")]
    public void A_rotation_passes_the_maximum_key_age_only_when_one_was_given(string days, string expected)
    {
        var (exitCode, output) = BuildStep("create-role", "rotate", maxKeyAge: days);

        Assert.Equal(0, exitCode);
        Assert.Equal(expected, output);
    }

    [SkippableTheory]
    [InlineData("create-role", 0, "false")]
    [InlineData("create-role", 2, "true")]
    [InlineData("assume-role", 0, "false")]
    [InlineData("assume-role", 2, "true")]
    public void A_drift_check_passes_the_job_with_or_without_drift_and_says_which_in_its_output(string job, int buildExitCode, string drift)
    {
        var (exitCode, output) = BuildStep(job, "drift", buildExitCode);

        Assert.Equal(0, exitCode);
        Assert.Equal(drift, _run.Outputs["drift"]);
        Assert.Equal(buildExitCode == 2, output.Contains("Drift found (exit code 2)", StringComparison.Ordinal));
        Assert.DoesNotContain("::error", output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("create-role", 255)]
    [InlineData("create-role", 1)]
    [InlineData("assume-role", 255)]
    [InlineData("assume-role", 3)]
    public void A_drift_check_that_could_not_check_fails_the_job_with_its_exit_code(string job, int buildExitCode)
    {
        var (exitCode, output) = BuildStep(job, "drift", buildExitCode);

        Assert.Equal(buildExitCode, exitCode);
        Assert.Contains($"::error title=Drift check failed::Drift{(job == "create-role" ? "CreateRole" : "AssumeRole")} exited with {buildExitCode}", output, StringComparison.Ordinal);
        Assert.Empty(_run.Outputs);
    }

    [SkippableTheory]
    [InlineData("create-role", "remediate")]
    [InlineData("assume-role", "remediate")]
    [InlineData("create-role", "refresh")]
    [InlineData("create-role", "rotate")]
    public void Any_other_operation_fails_the_job_on_any_non_zero_exit_code_and_runs_nothing_after(string job, string operation)
    {
        var (exitCode, output) = BuildStep(job, operation, buildExitCode: 2);

        Assert.Equal(2, exitCode);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("build: ", StringComparison.Ordinal));
        Assert.Empty(_run.Outputs);
    }

    [SkippableTheory]
    [InlineData("issues-dev")]
    [InlineData("issues-prod")]
    public void The_drift_issue_job_publishes_the_reports_the_stage_uploaded(string job)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        _run.WriteScript("build.sh", "#!/usr/bin/env bash\necho \"build: $*\"");
        var reports = Path.Combine(_run.WorkingDirectory, "reports");
        // As download-artifact unpacks several artifacts: a folder per artifact.
        Directory.CreateDirectory(Path.Combine(reports, "drift-reports+dev+create-role"));
        File.WriteAllText(Path.Combine(reports, "drift-reports+dev+create-role", "drift-create-role.json"), "{}");

        var (exitCode, output) = _run.Run(PublishStep(job).Run!, new Dictionary<string, string> { ["DRIFT_REPORTS"] = reports });

        Assert.Equal(0, exitCode);
        Assert.Equal($"build: PublishDriftIssues --drift-reports {reports}\n", output);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_drift_issue_job_changes_no_issue_when_the_stage_uploaded_no_report(bool folderExists)
    {
        // A stack skipped by the stage (not set up), or a stage that stopped before its checks.
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        _run.WriteScript("build.sh", "#!/usr/bin/env bash\necho \"build: $*\"");
        var reports = Path.Combine(_run.WorkingDirectory, "reports");
        if (folderExists)
            Directory.CreateDirectory(Path.Combine(reports, "drift-reports+dev+create-role"));

        var (exitCode, output) = _run.Run(PublishStep("issues-dev").Run!, new Dictionary<string, string> { ["DRIFT_REPORTS"] = reports });

        Assert.Equal(0, exitCode);
        Assert.StartsWith("::notice title=No drift reports::", output, StringComparison.Ordinal);
        Assert.DoesNotContain("build:", output, StringComparison.Ordinal);
    }

    private static WorkflowStep PublishStep(string job) => Load("drift.yml").Job(job).Steps.Single(s => s.RunsBuild);

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
