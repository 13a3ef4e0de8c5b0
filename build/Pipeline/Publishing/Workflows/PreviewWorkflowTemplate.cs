namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>preview.yml: every stack previewed on a pull request, one after another in the declared order.</summary>
internal static class PreviewWorkflowTemplate
{
    public const string FileName = "preview.yml";

    public static string Render(IReadOnlyList<CallerStack> stacks) => $$$"""
        {{{CallerWorkflows.Header}}}
        # Pull request: preview every stack of deploy/stacks.yml, one after another, into one PR comment with a
        # section per stack and stage. Each runs the stage (stage.yml) in its stack's preview environment, with a
        # read-only role: code that is not merged never gets a credential that can change anything, so assume-role,
        # which only the handed-off key can run, is reported as skipped (README: Threat model).
        # GitHub gives pull requests from forks, and Dependabot's, no secrets: those get a summary saying so.
        name: Preview

        on:
          pull_request:

        permissions: {}

        concurrency:
          group: preview-${{ github.event.pull_request.number }}
          cancel-in-progress: true

        jobs:
          {{{CallerJobIds.NoSecretsNoticeJob}}}:
            name: Preview skipped (no secrets for this pull request)
            if: github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]'
            runs-on: ubuntu-latest
            # Writes a summary and nothing else.
            timeout-minutes: 5
            permissions: {}
            steps:
              - name: Say why nothing was previewed
                run: |
                  {
                    echo "### Preview skipped"
                    echo
                    echo "GitHub gives no secrets to workflows run for pull requests from forks or from Dependabot,"
                    echo "so no stack was previewed. A maintainer can push the branch to this repository to get"
                    echo "a preview; the deploy workflow previews and applies the changes once they are merged."
                  } >> "$GITHUB_STEP_SUMMARY"

          # One job per stack of deploy/stacks.yml, in its order (the workflow tests hold them to it). A stack
          # whose environments do not exist yet is skipped with a notice.
        {{{string.Join("\n\n", stacks.Select(Job))}}}
        """;

    private static string Job(CallerStack stack) => $$$"""
          {{{stack.JobId}}}:
            name: {{{stack.Yaml}}}
        {{{Order(stack)}}}
            {{{CallerWorkflows.StageCall}}}
            with:
              stack: {{{stack.Yaml}}}
              operation: preview
              {{{CallerWorkflows.Environments(stack)}}}
              optional: true
        """;

    /// <summary>The first stack when the pull request gets secrets; each other one after the one before, whatever it found.</summary>
    private static string Order(CallerStack stack) => stack.Previous is not { } previous
        ? "    if: github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]'"
        : $$$"""
                needs: {{{previous.JobId}}}
            {{{WorkflowText.Comment("    ", $"After {previous.Name} whatever its outcome: one stack at a time, so the stacks never overwrite each other's section of the one comment.")}}}
                if: ${{ !cancelled() && github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]' }}
            """;
}
