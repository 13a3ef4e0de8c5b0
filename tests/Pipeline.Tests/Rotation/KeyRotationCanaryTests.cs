using System.Text;
using System.Text.Json;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Rotation;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Publishing.Reporting;
using AssumeRolePipeline.Pipeline.Publishing.Verification;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Tests.Masking;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using Spectre.Console;

namespace AssumeRolePipeline.Pipeline.Tests.Rotation;

/// <summary>
/// A rotation holds two secrets, the old key's and the new one's, and Pulumi may print either. Neither may
/// come out anywhere but in the <c>::add-mask::</c> lines the runner swallows: on success, and at each step
/// where the rotation can stop.
/// </summary>
public sealed class KeyRotationCanaryTests
{
    private const string OldCanary = "CANARY+old-secret/4b1d-do-not-print";
    private const string NewCanary = "CANARY+new-secret/9e2c-do-not-print";

    public enum StopAt
    {
        Nowhere,
        Replace,
        Readiness,
        Verify,
        Preview,
    }

    private static string Quoting(string what) =>
        $"{what} {OldCanary} {NewCanary} {JsonSerializer.Serialize(NewCanary)} {Convert.ToBase64String(Encoding.UTF8.GetBytes(OldCanary))}";

    [Theory]
    [InlineData(StopAt.Nowhere)]
    [InlineData(StopAt.Replace)]
    [InlineData(StopAt.Readiness)]
    [InlineData(StopAt.Verify)]
    [InlineData(StopAt.Preview)]
    public async Task Neither_the_old_nor_the_new_secret_is_printed(StopAt stop)
    {
        var log = new StringWriter();
        var masker = new SecretMasker(new WorkflowCommandWriter(log).AddMask);
        var stacks = new InMemoryStackOperator { CreateRoleSecret = OldCanary, ReplacementSecret = NewCanary };
        stacks.Deploy(CreateRoleContract.ProjectName);
        stacks.Deploy(AssumeRoleContract.ProjectName);
        stacks.Before = (request, operation, _) =>
        {
            request.OnOutput(Quoting($"{operation} of {request.Project}:"));
            if (stop == StopAt.Replace && request.Project == CreateRoleContract.ProjectName)
            {
                stacks.StoreSecretInResource(CreateRoleContract.ProjectName, NewCanary); // made, stored, then the update failed
                throw new StackOperationException(StackFailure.OperationFailed, $"code: 255\nstdout: \n    error: {Quoting("LimitExceeded:")}\nstderr: \n");
            }

            return stop == StopAt.Preview && request.Project == AssumeRoleContract.ProjectName
                ? throw new StackOperationException(StackFailure.OperationFailed, $"code: 255\nstdout: \n    error: {Quoting("denied:")}\nstderr: \n")
                : Task.CompletedTask;
        };
        var readiness = new FakeReadiness { Refusal = stop == StopAt.Readiness ? Quoting("refused:") : null };
        var verifier = new FakeKeyVerifier
        {
            Failure = stop == StopAt.Verify ? new ExplainedFailure(Quoting("cannot verify:")) : null,
        };
        var output = new RecordingOutput();

        var run = await new KeyRotation(stacks, readiness, verifier, masker, output, TimeProvider.System)
            .RotateAsync(PipelineFixture.Settings, maxKeyAge: null, CancellationToken.None);

        Assert.Equal(stop == StopAt.Nowhere, run.Succeeded);
        var terminal = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal) });
        ConsoleSummary.Write(console, run.Run);
        if (run.Verification is { } verification)
            VerificationConsoleReport.Write(console, verification);
        var texts = new Dictionary<string, string>
        {
            ["pipeline output"] = string.Join("\n", output.Lines),
            ["terminal"] = terminal.ToString(),
            ["reports"] = string.Join("\n", run.Run.Reports.Select(r => r + r.Log + r.Note)),
            ["failure"] = run.Run.Failure ?? string.Empty,
            ["markdown"] = string.Join("\n", run.Run.Reports.Select(r => MarkdownReport.Render(r))),
            ["credentials printed"] = $"{run.Credentials}",
            ["job log after masks"] = string.Join("\n", log.ToString().Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))),
        };

        Assert.All(texts, text => Assert.All(SecretForms.Of(OldCanary).Concat(SecretForms.Of(NewCanary)), form =>
            Assert.False(text.Value.Contains(form, StringComparison.Ordinal), $"a secret leaked into the {text.Key}")));
        Assert.Contains($"::add-mask::{OldCanary}", log.ToString().Split('\n'));
        Assert.Contains($"::add-mask::{NewCanary}", log.ToString().Split('\n'));
        Assert.Contains(output.Lines, l => l.StartsWith("pulumi: Up of create-role: *** ***", StringComparison.Ordinal));
    }
}
