using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>
/// The workflows that call the stage (stage.yml) once per stack of deploy/stacks.yml: preview, deploy, manual, drift and
/// rotate. A matrix of stage calls cannot do it: the calls' job outputs would overwrite each other, and manual.yml's
/// <c>choice</c> options cannot come from a matrix. So they are written from the declaration by templates (one per
/// workflow, with a block per stack), and a test fails while the committed ones differ from what these give.
/// </summary>
public static class CallerWorkflows
{
    /// <summary>The first line of every generated workflow.</summary>
    public const string Header =
        "# GENERATED from deploy/stacks.yml by `./build.sh GenerateWorkflows` (build/Pipeline/Publishing/Workflows): do not edit by hand.";

    public const string Command = "./build.sh GenerateWorkflows";

    public const string Folder = ".github/workflows";

    /// <summary>The generated files' names, in the order they are written.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        PreviewWorkflowTemplate.FileName, DeployWorkflowTemplate.FileName, ManualWorkflowTemplate.FileName,
        DriftWorkflowTemplate.FileName, RotateWorkflowTemplate.FileName,
    ];

    /// <summary>The five caller workflows for <paramref name="declaration"/>: the same declaration always gives the same bytes.</summary>
    /// <exception cref="InvalidInputException">An environment name holds <c>${{</c>, which a workflow would read as an expression.</exception>
    public static IReadOnlyList<GeneratedWorkflow> Generate(StackDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var stacks = Stacks(declaration);
        return
        [
            new(PreviewWorkflowTemplate.FileName, WorkflowText.Normalized(PreviewWorkflowTemplate.Render(stacks))),
            new(DeployWorkflowTemplate.FileName, WorkflowText.Normalized(DeployWorkflowTemplate.Render(stacks))),
            new(ManualWorkflowTemplate.FileName, WorkflowText.Normalized(ManualWorkflowTemplate.Render(stacks))),
            new(DriftWorkflowTemplate.FileName, WorkflowText.Normalized(DriftWorkflowTemplate.Render(stacks))),
            new(RotateWorkflowTemplate.FileName, WorkflowText.Normalized(RotateWorkflowTemplate.Render(stacks))),
        ];
    }

    private static List<CallerStack> Stacks(StackDeclaration declaration)
    {
        RequireNamesApartWithoutCase(declaration);
        var ids = CallerJobIds.For(declaration.Stacks.Select(s => s.Name));
        var stacks = new List<CallerStack>();
        foreach (var stack in declaration.Stacks)
        {
            string Environment(string? name, string key) => WorkflowText.Scalar(RequireLiteral(declaration, stack.Name, key, name!));
            stacks.Add(new CallerStack(
                stack.Name, WorkflowText.Scalar(stack.Name), ids.Caller(stack.Name), ids.Issues(stack.Name),
                Environment(stack.PrivilegedEnvironment, "privileged"), Environment(stack.UnprivilegedEnvironment, "unprivileged"),
                Environment(stack.PreviewEnvironment, "preview"),
                Previous: stacks.Count == 0 ? null : stacks[^1],
                PromotedAfter: stack.PromoteAfter is null ? null : stacks.Single(s => s.Name == stack.PromoteAfter)));
        }

        return stacks;
    }

    /// <summary>
    /// GitHub compares strings without case in expressions, so manual.yml's <c>inputs.stack == 'dev'</c> would also run
    /// the job of a stack <c>Dev</c>; job ids and concurrency groups are without case too.
    /// </summary>
    private static void RequireNamesApartWithoutCase(StackDeclaration declaration)
    {
        var stacks = declaration.Stacks;
        for (var i = 1; i < stacks.Count; i++)
        {
            if (stacks.Take(i).FirstOrDefault(s => string.Equals(s.Name, stacks[i].Name, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                throw new InvalidInputException(new InputError($"name of a stack ({declaration.Source})", stacks[i].Name,
                    $"a name that differs from stack {twin.Name} by more than case: the workflows' expressions, job ids and concurrency groups ignore case"));
            }
        }
    }

    /// <summary>GitHub reads <c>${{</c> anywhere in a workflow's value as the start of an expression, quoted or not.</summary>
    private static string RequireLiteral(StackDeclaration declaration, string stack, string key, string environment) =>
        environment.Contains("${{", StringComparison.Ordinal)
            ? throw new InvalidInputException(new InputError($"environments.{key} of stack {stack} ({declaration.Source})", environment,
                "an environment name without '${{': the generated workflows would read it as an expression"))
            : environment;

    /// <summary>The <c>needs:</c> line of a stack promoted after another (deploy, rotate), with its line break; nothing for the others.</summary>
    internal static string Needs(CallerStack stack) => stack.PromotedAfter is { } after ? $"    needs: {after.JobId}\n" : "";

    /// <summary>
    /// A promoted stack's <c>optional: true</c> input, with the line break before it: skipped with a notice while its
    /// environments do not exist, so a set-up with the first stack alone needs nothing else. Nothing for the others.
    /// </summary>
    internal static string Optional(CallerStack stack) => stack.PromotedAfter is null ? "" : "\n      optional: true";

    /// <summary>The group every update, destroy, check and rotation of the stack shares (never the previews').</summary>
    internal static string ConcurrencyGroup(CallerStack stack) => $"assume-role-pipeline-{stack.Name}";

    /// <summary>
    /// The call of the stage, with the permissions its jobs use: GitHub checks every job of a called workflow against the
    /// caller's grant before it starts, skipped or not, so every caller grants the same union (stage.yml says which job needs which).
    /// Each line indented for a job, without the first line's indentation (the template gives it).
    /// </summary>
    internal const string StageCall = """
        uses: ./.github/workflows/stage.yml
            permissions:
              actions: read
              contents: read
              id-token: write
              pull-requests: write
        """;

    /// <summary>The stack's concurrency group, which a job that may change or check the stack holds (never a preview).</summary>
    internal static string Concurrency(CallerStack stack) => $"""
        concurrency:
              group: {ConcurrencyGroup(stack)}
              cancel-in-progress: false
        """;

    /// <summary>The stack's three environments as the stage's inputs.</summary>
    internal static string Environments(CallerStack stack) => $"""
        privileged-environment: {stack.PrivilegedEnvironment}
              unprivileged-environment: {stack.UnprivilegedEnvironment}
              preview-environment: {stack.PreviewEnvironment}
        """;
}
