using AssumeRolePipeline.Pipeline.Publishing.Drift;
namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>drift.yml: every stack checked side by side, then per stack the job that writes its drift issues.</summary>
internal static class DriftWorkflowTemplate
{
    public const string FileName = "drift.yml";

    public static string Render(IReadOnlyList<CallerStack> stacks) => $$$"""
        {{{CallerWorkflows.Header}}}
        # Daily, and by hand: check every stack of deploy/stacks.yml for drift, each through the stage (stage.yml)
        # with its own identities (create-role privileged, assume-role with the handed-off key only; nothing
        # changes, in the cloud or in the state). By hand with remediate on, bring the cloud back to the program
        # instead. Per stack, an issues job then opens, updates or closes that stack's drift issues from the
        # report files the stage's jobs uploaded: the only job with issues: write, and it holds no AWS or Pulumi
        # secret (README: Drift).
        # A check shares its stack's concurrency group with deploys, manual runs and rotations and never cancels
        # one: a check during a deploy would report the deploy's changes as drift, and a remediation updates the stack.
        name: Drift

        on:
          schedule:
            # Daily at 05:17 UTC: the one line to edit for another time (cron, UTC; GitHub runs it from the
            # default branch only, and may start it some minutes late).
            - cron: "17 5 * * *"
          workflow_dispatch:
            inputs:
              remediate:
                description: Bring the cloud back to the program in every stack (pulumi up --refresh) instead of only checking
                required: false
                type: boolean
                default: false

        permissions: {}

        jobs:
          # One job per stack of deploy/stacks.yml (the workflow tests hold them to it); the stacks are checked side by side.
        {{{string.Join("\n\n", stacks.Select(Check))}}}

          # Per stack, after its stage whatever the outcome (a stack that could not be checked leaves its issue
          # alone; the build decides per report). Reads the reports only: no environment, no cloud credential.
        {{{string.Join("\n\n", stacks.Select(s => Issues(s, stacks[0])))}}}
        """;

    private static string Check(CallerStack stack) => $$$"""
          {{{stack.JobId}}}:
            name: {{{stack.Yaml}}}
            {{{CallerWorkflows.StageCall}}}
            {{{CallerWorkflows.Concurrency(stack)}}}
            with:
              stack: {{{stack.Yaml}}}
        {{{(stack.IsFirst ? "      # A schedule has no inputs: it checks.\n" : "")}}}      operation: ${{ inputs.remediate && 'remediate' || 'drift' }}
              {{{CallerWorkflows.Environments(stack)}}}{{{CallerWorkflows.Optional(stack)}}}
        """;

    private const string OneAtATime =
        "    # One issues job per stack at a time: two runs listing the open issues side by side would both find none\n" +
        "    # and open two. Not cancelled: a pending run replaced by a newer one loses nothing, its reports are older.";

    /// <summary>The stack's issues job; the first one's comments say why, the others point to it.</summary>
    private static string Issues(CallerStack stack, CallerStack first) => $$$"""
          {{{stack.IssuesJobId}}}:
            name: "{{{stack.Name}}}: drift issues"
            needs: {{{stack.JobId}}}
            if: ${{ !cancelled() && needs.{{{stack.JobId}}}.result != 'skipped' }}
        {{{(stack.IsFirst ? OneAtATime : $"    # As {first.IssuesJobId}.")}}}
            concurrency:
              group: drift-issues-{{{stack.Name}}}
              cancel-in-progress: false
            runs-on: ubuntu-latest
        {{{(stack.IsFirst ? "    # Setup, the build's first compile and a few issue API calls." : $"    # As {first.IssuesJobId}.")}}}
            timeout-minutes: 10
            permissions:
              contents: read
              issues: write # open, update and close the drift issues
            steps:
              - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
                with:
                  persist-credentials: false
              - uses: ./.github/actions/setup
                with:
                  pulumi: "false"
                  policy-pack: "false" # no preview or update here
        {{{(stack.IsFirst ? "      # A stage that stopped before its checks uploaded nothing; the next step says so.\n" : "")}}}      - name: Download the stack's drift reports
                continue-on-error: true
                uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0
                with:
                  pattern: {{{DriftArtifacts.Pattern(stack.Name)}}}
                  path: ${{ runner.temp }}/drift-reports
              - name: Open, update or close the drift issues
                run: |
                  if [ -z "$(find "$DRIFT_REPORTS" -name 'drift-*.json' -print -quit 2>/dev/null)" ]; then
                    echo "::notice title=No drift reports::The stage checked no stack (skipped, or stopped before the check): no issue was changed."
                    exit 0
                  fi
                  ./build.sh PublishDriftIssues --drift-reports "$DRIFT_REPORTS"
                env:
                  DRIFT_REPORTS: ${{ runner.temp }}/drift-reports
                  GITHUB_TOKEN: ${{ github.token }}
        """;
}
