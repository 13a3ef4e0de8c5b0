using System.Diagnostics;
using static AssumeRolePipeline.Pipeline.Tests.Workflows.Workflow;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>Runs the workflows' own shell steps with bash, as the runner would, with the env: they declare.</summary>
public sealed class WorkflowScriptTests : IDisposable
{
    private readonly string _summary = Path.GetTempFileName();

    public void Dispose() => File.Delete(_summary);

    private static (int ExitCode, string Output) RunBash(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-e", "-o", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static WorkflowStep ConfirmStep => Load("destroy.yml").Job("confirm").Steps.Single();

    [SkippableFact]
    public void Destroy_goes_ahead_when_the_confirm_input_is_the_stack_name()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        Assert.Equal("${{ inputs.confirm }}", ConfirmStep.Env["CONFIRM"]);

        var (exitCode, output) = RunBash(ConfirmStep.Run!, new Dictionary<string, string> { ["CONFIRM"] = "dev", ["STACK"] = "dev" });

        Assert.Equal(0, exitCode);
        Assert.Contains("Confirmed: destroying stack dev.", output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("prod")]
    [InlineData("dev\n::notice::injected")]
    [InlineData("dev\" ] || [ \"x")]
    public void Destroy_stops_with_a_clear_error_when_the_confirm_input_differs(string confirm)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");

        var (exitCode, output) = RunBash(ConfirmStep.Run!, new Dictionary<string, string> { ["CONFIRM"] = confirm, ["STACK"] = "dev" });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("::error title=Destroy not confirmed::The confirm input must be the stack name (dev). Nothing was destroyed.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("::notice::", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_pull_request_without_secrets_gets_a_job_summary_saying_why()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs bash");
        var notice = Load("preview.yml").Job("no-secrets-notice").Steps.Single();

        var (exitCode, _) = RunBash(notice.Run!, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = _summary });

        Assert.Equal(0, exitCode);
        var summary = File.ReadAllText(_summary);
        Assert.StartsWith("### Preview skipped", summary, StringComparison.Ordinal);
        Assert.Contains("no secrets to workflows run for pull requests from forks", summary, StringComparison.Ordinal);
    }
}
