namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>manual.yml: one operation on the one stack chosen from the declared ones.</summary>
internal static class ManualWorkflowTemplate
{
    public const string FileName = "manual.yml";

    public static string Render(IReadOnlyList<CallerStack> stacks) => $$$"""
        {{{CallerWorkflows.Header}}}
        # By hand (Actions → Manual → Run workflow): one operation on one stack of deploy/stacks.yml, through the
        # same stage as the automatic runs. Every operation but preview runs only from the default branch; destroy
        # only when confirm repeats the stack name. Anything else stops in the stage's first job, before any cloud
        # is touched. refresh and remediate leave the drift issue to the next run of drift.yml, which writes it.
        name: Manual

        on:
          workflow_dispatch:
            inputs:
              stack:
                description: The stack (deploy/stacks.yml)
                required: true
                type: choice
                options: [{{{string.Join(", ", stacks.Select(s => s.Yaml))}}}]
              operation:
                description: >-
                  preview, up (deploy), destroy, refresh (adopt the cloud into the state), remediate (bring the cloud
                  back to the program) or rotate (replace the access key now); drift checks run in the Drift workflow
                required: true
                type: choice
                options: [preview, up, destroy, refresh, remediate, rotate]
              confirm:
                description: For destroy, type the stack name again
                required: false
                type: string
                default: ""
              bucket-force-destroy:
                description: For destroy, delete the bucket even when it still holds objects (they are lost)
                required: false
                type: boolean
                default: false

        permissions: {}

        jobs:
          # One job per stack, as in deploy.yml; only the chosen one runs.
        {{{string.Join("\n\n", stacks.Select(Job))}}}
        """;

    // The stack names allowed in deploy/stacks.yml hold no quote, so the expression's string needs no escaping.
    private static string Job(CallerStack stack) => $$$"""
          {{{stack.JobId}}}:
            name: {{{stack.Yaml}}}
            if: inputs.stack == '{{{stack.Name}}}'
            {{{CallerWorkflows.StageCall}}}
            {{{CallerWorkflows.Concurrency(stack)}}}
            with:
              stack: {{{stack.Yaml}}}
              operation: ${{ inputs.operation }}
              {{{CallerWorkflows.Environments(stack)}}}
              confirm: ${{ inputs.confirm }}
              bucket-force-destroy: ${{ inputs.bucket-force-destroy }}
        """;
}
