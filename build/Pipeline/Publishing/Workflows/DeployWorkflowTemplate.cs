namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>deploy.yml: a merge deploys every stack, each after the one it is promoted after.</summary>
internal static class DeployWorkflowTemplate
{
    public const string FileName = "deploy.yml";

    public static string Render(IReadOnlyList<CallerStack> stacks) => $$$"""
        {{{CallerWorkflows.Header}}}
        {{{WorkflowText.Comment("", Summary + Promotion(stacks))}}}
        # Each stack's updates share one concurrency group with its manual runs and never cancel each other:
        # Pulumi refuses a second update of a stack while one runs, and a cancelled update leaves it locked.
        name: Deploy

        on:
          push:
            branches: [main]

        permissions: {}

        jobs:
        {{{string.Join("\n\n", stacks.Select(Job))}}}
        """;

    private const string Summary = """
        Merge to main: deploy the stacks of deploy/stacks.yml in promotion order. Each runs the stage
        (stage.yml): create-role with the privileged identity hands the new user's key to the stack's
        unprivileged environment, then assume-role runs with that key only.
        """;

    private static string Job(CallerStack stack) => $$$"""
          {{{stack.JobId}}}:
            name: {{{stack.Yaml}}}
        {{{CallerWorkflows.Needs(stack)}}}    {{{CallerWorkflows.StageCall}}}
            {{{CallerWorkflows.Concurrency(stack)}}}
            with:
              stack: {{{stack.Yaml}}}
              operation: up
              {{{CallerWorkflows.Environments(stack)}}}{{{CallerWorkflows.Optional(stack)}}}
        """;

    /// <summary>What the header says of the promotions: which stack waits for which, and which may not exist yet.</summary>
    private static string Promotion(IReadOnlyList<CallerStack> stacks)
    {
        var promoted = stacks.Where(s => s.PromotedAfter is not null).ToList();
        if (promoted.Count == 0)
            return "";
        var order = string.Join(", ", promoted.Select((s, i) => i == 0
            ? $"{s.Name} follows only after {s.PromotedAfter!.Name} succeeded"
            : $"{s.Name} only after {s.PromotedAfter!.Name}"));
        var roots = WorkflowText.Words([.. stacks.Where(s => s.PromotedAfter is null).Select(s => s.Name)]);
        return $" {order}, and {(promoted.Count == 1 ? "" : "each ")}waits for the approval its environment asks for; a stack whose environments " +
               $"do not exist yet is skipped with a notice, so a setup with {roots} alone needs nothing more.";
    }
}
