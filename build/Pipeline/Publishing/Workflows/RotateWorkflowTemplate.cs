namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>rotate.yml: every stack's key rotated monthly, each after the one it is promoted after.</summary>
internal static class RotateWorkflowTemplate
{
    public const string FileName = "rotate.yml";

    public static string Render(IReadOnlyList<CallerStack> stacks) => $$$"""
        {{{CallerWorkflows.Header}}}
        # Monthly, and by hand: rotate the unprivileged user's access key of every stack of deploy/stacks.yml
        # through the stage (stage.yml): the privileged job replaces the key (the new one is created before the
        # old one is deleted) and hands it off; the unprivileged job waits until IAM accepts it, runs Verify and
        # previews assume-role with it. A key that was young enough is left alone, and the unprivileged job skipped
        {{{WorkflowText.Comment("", "(README: Key rotation)." + Promotion(stacks))}}}
        # A rotation updates create-role: it shares its stack's concurrency group with deploys and never cancels one.
        name: Rotate

        on:
          schedule:
            # On the 1st of each month at 04:23 UTC: the one line to edit for another time (cron, UTC; GitHub runs
            # it from the default branch only). A scheduled run rotates only keys older than 30 days (below).
            - cron: "23 4 1 * *"
          workflow_dispatch:
            inputs:
              max-key-age:
                description: Rotate only a key older than this many days (1 to 3650); empty rotates now
                required: false
                type: string
                default: ""

        permissions: {}

        jobs:
          # One job per stack of deploy/stacks.yml, in promotion order (the workflow tests hold them to it).
        {{{string.Join("\n\n", stacks.Select(Job))}}}
        """;

    private static string Job(CallerStack stack) => $$$"""
          {{{stack.JobId}}}:
            name: {{{stack.Yaml}}}
        {{{CallerWorkflows.Needs(stack)}}}    {{{CallerWorkflows.StageCall}}}
            {{{CallerWorkflows.Concurrency(stack)}}}
            with:
              stack: {{{stack.Yaml}}}
              operation: rotate
              {{{CallerWorkflows.Environments(stack)}}}
        {{{(stack.IsFirst ? "      # Scheduled: keys older than 30 days, so a schedule that fires twice rotates once. By hand: as asked.\n" : "")}}}      max-key-age: ${{ github.event_name == 'schedule' && '30' || inputs.max-key-age }}{{{CallerWorkflows.Optional(stack)}}}
        """;

    /// <summary>What the header says of the promotions: which stack's rotation waits for which.</summary>
    private static string Promotion(IReadOnlyList<CallerStack> stacks)
    {
        var promoted = stacks.Where(s => s.PromotedAfter is not null).ToList();
        return promoted.Count switch
        {
            0 => "",
            1 => $" {promoted[0].Name} follows {promoted[0].PromotedAfter!.Name}, as a deploy does, so a broken rotation stops at {promoted[0].PromotedAfter!.Name}.",
            _ => $" {WorkflowText.Words([.. promoted.Select(s => $"{s.Name} follows {s.PromotedAfter!.Name}")])}, as a deploy does, " +
                 "so a broken rotation stops at the stack where it broke.",
        };
    }
}
