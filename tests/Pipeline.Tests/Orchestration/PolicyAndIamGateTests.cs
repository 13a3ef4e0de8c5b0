using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using AssumeRolePipeline.Pipeline.Tests.Drift;
using AssumeRolePipeline.Pipeline.Tests.IamChanges;
using Spectre.Console;
using static AssumeRolePipeline.Pipeline.Tests.IamChanges.IamFixtures;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

/// <summary>
/// The policy pack on every preview and update, its violations stopping an update before it runs, and the IAM review of
/// each update's preview: shown in the report, and a local update that broadens access stopped until it is allowed.
/// </summary>
public sealed class PolicyAndIamGateTests
{
    private const string PolicyPack = "/repo/policy";

    private static readonly PolicyViolation TrustsEveryone = new("role-trusts-exactly-one-iam-user", "allow-s3-management",
        "assumeRolePolicy Principal is \"*\": name exactly one IAM user", Mandatory: true);

    private static readonly PolicyViolation LongSession = new("role-session-at-most-one-hour", "allow-s3-management",
        "maxSessionDuration is 7200: at most 3600", Mandatory: false);

    private readonly PipelineFixture _fixture = new();

    private StackPipeline Pipeline(bool allowIamBroadening = false) =>
        new(_fixture.Stacks, _fixture.Readiness, _fixture.Masker, _fixture.Output, TimeProvider.System, allowIamBroadening);

    /// <summary>create-role's role, deployed trusting its user; the program now trusts every AWS principal.</summary>
    private void TrustEveryoneInTheProgram() =>
        _fixture.Stacks.ProgramSteps["create-role"] =
        [
            new EngineStep("Update", Urn(Role, "allow-s3-management"), Role,
                Plain(RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}"""))), Plain(RoleInputs(Trust("""{"AWS":"*"}""")))),
        ];

    private static Dictionary<string, object> Plain(IReadOnlyDictionary<string, object?> inputs) =>
        inputs.Where(i => i.Value is not null).ToDictionary(i => i.Key, i => i.Value!);

    [Fact]
    public async Task The_policy_pack_reaches_every_preview_and_update_and_no_destroy_refresh_or_drift_check()
    {
        await Pipeline().UpAsync(PipelineFixture.Settings, CancellationToken.None);
        await Pipeline().PreviewAsync(PipelineFixture.Settings, CancellationToken.None);
        var drift = new DriftFixture();
        foreach (var operation in (StackOperation[])[StackOperation.Drift, StackOperation.Refresh, StackOperation.Remediate])
            await drift.Pipeline.RunAsync(PipelineFixture.Settings, operation, CancellationToken.None);
        await Pipeline().DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);

        var calls = _fixture.Stacks.Calls.Concat(drift.Stacks.Calls).ToList();
        Assert.Equal(
            [StackOperation.Preview, StackOperation.Up, StackOperation.Destroy, StackOperation.Drift, StackOperation.Refresh, StackOperation.Remediate],
            calls.Select(c => c.Operation).Distinct().Order());
        Assert.All(calls.Where(c => c.Operation is StackOperation.Preview or StackOperation.Up or StackOperation.Remediate),
            c => Assert.Equal([PolicyPack], c.Request.PolicyPacks.Select(p => p.Replace('\\', '/'))));
        Assert.All(calls.Where(c => c.Operation is StackOperation.Destroy or StackOperation.Refresh or StackOperation.Drift),
            c => Assert.Empty(c.Request.PolicyPacks));
    }

    [Fact]
    public async Task A_mandatory_violation_in_the_preview_stops_the_update_before_it_runs_and_names_policy_resource_and_message()
    {
        _fixture.Stacks.PolicyViolations[("create-role", StackOperation.Preview)] = [TrustsEveryone, LongSession];

        var run = await Pipeline(allowIamBroadening: true).UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Equal([("create-role", StackOperation.Preview)], _fixture.Stacks.Calls.Select(c => (c.Request.Project, c.Operation)));
        var report = Assert.Single(run.Reports);
        Assert.Equal((StackOperation.Up, StackOutcome.Failed), (report.Operation, report.Outcome));
        var line = "policy violations: role-trusts-exactly-one-iam-user on allow-s3-management: assumeRolePolicy Principal is \"*\": name exactly one IAM user";
        Assert.Equal(line, report.Note);
        Assert.Equal($"create-role/dev: {line}", run.Failure); // the failure annotation and the build's exit message
        Assert.Equal<PolicyViolation>([TrustsEveryone, LongSession], report.PolicyViolations);
    }

    [Fact]
    public async Task Each_violation_is_one_line_in_the_console_and_in_the_stacks_markdown_section()
    {
        var second = TrustsEveryone with { Policy = "role-allows-s3-only", Resource = "allow-s3-management-policy", Message = "Action iam:* is not s3" };
        _fixture.Stacks.PolicyViolations[("create-role", StackOperation.Preview)] = [TrustsEveryone, second, LongSession];

        var run = await Pipeline().UpAsync(PipelineFixture.Settings, CancellationToken.None);

        var console = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(console) });
        ansi.Profile.Width = 400; // one line per violation, none wrapped
        ConsoleSummary.Write(ansi, run);
        var markdown = MarkdownReport.Render(run.Reports[0]);
        foreach (var text in (string[])[console.ToString(), markdown])
        {
            Assert.Contains("role-trusts-exactly-one-iam-user on allow-s3-management: assumeRolePolicy Principal", text, StringComparison.Ordinal);
            Assert.Contains("role-allows-s3-only on allow-s3-management-policy: Action iam:* is not s3", text.Replace("\\", "", StringComparison.Ordinal),
                StringComparison.Ordinal);
            Assert.Contains("role-session-at-most-one-hour", text, StringComparison.Ordinal);
        }

        Assert.Contains("**Policy warnings**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_violation_message_holding_a_known_secret_is_masked()
    {
        _fixture.Stacks.Deploy("create-role");
        _fixture.Masker.Add(InMemoryStackOperator.SecretAccessKey);
        _fixture.Stacks.PolicyViolations[("create-role", StackOperation.Preview)] =
            [TrustsEveryone with { Message = $"tags.key is {InMemoryStackOperator.SecretAccessKey}" }];

        var run = await Pipeline().UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.DoesNotContain(InMemoryStackOperator.SecretAccessKey, run.Failure!, StringComparison.Ordinal);
        Assert.Contains("tags.key is ***", run.Failure!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_up_of_a_deployed_stack_whose_preview_broadens_IAM_stops_before_the_update_and_asks_for_the_flag()
    {
        _fixture.Stacks.Deploy("create-role");
        TrustEveryoneInTheProgram();

        var run = await Pipeline().UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Operation == StackOperation.Up);
        var report = Assert.Single(run.Reports);
        Assert.StartsWith("create-role/dev: the preview broadens IAM access (role allow-s3-management: trust", report.Note, StringComparison.Ordinal);
        Assert.EndsWith("run again with --allow-iam-broadening", report.Note, StringComparison.Ordinal);
        Assert.True(report.IamChanges!.Broadens);
        Assert.Contains("`*`", report.IamChanges.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_flag_the_broadening_update_runs_and_its_report_shows_the_IAM_changes()
    {
        _fixture.Stacks.Deploy("create-role");
        TrustEveryoneInTheProgram();

        var run = await Pipeline(allowIamBroadening: true).UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded, run.Failure);
        Assert.Contains(_fixture.Stacks.Calls, c => c is { Request.Project: "create-role", Operation: StackOperation.Up });
        Assert.True(run.Reports[0].IamChanges!.Broadens);
        Assert.Null(run.Reports[1].IamChanges); // assume-role changes no IAM
        Assert.Contains(_fixture.Output.Lines, l => l.Contains("going on, as --allow-iam-broadening allows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_deployment_is_not_gated_and_still_shows_its_IAM_changes()
    {
        _fixture.Stacks.ProgramSteps["create-role"] =
            [new EngineStep("Create", Urn(Role, "allow-s3-management"), Role, null, Plain(RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}"""))))];

        var run = await Pipeline().UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded, run.Failure);
        Assert.True(run.Reports[0].IamChanges!.Broadens);
        Assert.Contains(_fixture.Output.Lines, l => l.Contains("deployed for the first time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_preview_shows_the_IAM_changes_and_is_never_gated()
    {
        _fixture.Stacks.Deploy("create-role");
        TrustEveryoneInTheProgram();

        var run = await Pipeline().PreviewAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded, run.Failure);
        Assert.StartsWith("IAM changes:", run.Reports[0].IamChanges!.ConsoleLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_the_review_cannot_read_stop_a_deployed_stacks_update_with_the_reason()
    {
        _fixture.Stacks.Deploy("create-role");
        _fixture.Stacks.ProgramSteps["create-role"] = [new EngineStep("Teleport", Urn(Role, "allow-s3-management"), Role, null, null)];

        var run = await Pipeline().UpAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Contains("could not be reviewed", run.Failure, StringComparison.Ordinal);
        Assert.Contains("Teleport", run.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Stacks.Calls, c => c.Operation == StackOperation.Up);
    }

    [Fact]
    public async Task A_preview_whose_steps_cannot_be_reviewed_succeeds_with_a_note_saying_so()
    {
        _fixture.Stacks.ProgramSteps["create-role"] = [new EngineStep("Teleport", Urn(Role, "allow-s3-management"), Role, null, null)];

        var run = await Pipeline().PreviewAsync(PipelineFixture.Settings, CancellationToken.None);

        Assert.True(run.Succeeded);
        Assert.StartsWith("the IAM changes could not be reviewed:", run.Reports[0].Note, StringComparison.Ordinal);
    }
}
