using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary>
/// The key's age where create-role's outputs are reported (the summaries of Up and Preview, the job summary,
/// the PR comment), as a note on its report; past <see cref="KeyAge.WarningAge"/> a warning to rotate it.
/// </summary>
public static class KeyAgeNote
{
    /// <returns>The run with the age noted, and the warning when the key is past due (null otherwise).</returns>
    public static (PipelineRun Run, string? Warning) Annotate(PipelineRun run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        string? warning = null;
        var stages = run.Stages.Select(stage =>
        {
            var report = stage.Report;
            if (report.Project != CreateRoleContract.ProjectName || report.Outcome != StackOutcome.Succeeded ||
                KeyAge.Parse(Output(report, CreateRoleContract.AccessKeyCreatedOutput)) is not { } created)
                return stage;
            var key = Output(report, CreateRoleContract.AccessKeyIdOutput) ?? "the access key";
            var age = now - created;
            var note = $"{key} is {KeyAge.Describe(age)} (created {ValueText.Date(created)}).";
            if (age > KeyAge.WarningAge)
            {
                warning = $"Warning: the access key {key} is {KeyAge.Describe(age)}, past {KeyAge.Days(KeyAge.WarningAge)}: rotate it " +
                          "with './build.sh RotateKey' (or the key rotation workflow).";
                note = warning;
            }

            return stage with { Report = report with { Note = report.Note is null ? note : $"{report.Note}\n{note}" } };
        }).ToList();
        return (run with { Stages = [.. stages] }, warning);
    }

    private static string? Output(StackReport report, string name) =>
        report.Outputs.FirstOrDefault(o => o.Name == name && !o.IsSecret)?.Value;
}
