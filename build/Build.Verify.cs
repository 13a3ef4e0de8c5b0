using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.GitHub;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Verification;
using Nuke.Common;

/// <summary>
/// Verify: proves, for the deployed stack pair and with the handed-off key pair alone, that the user can
/// do nothing by itself and reads its bucket only through the role. The checks live in the library.
/// </summary>
sealed partial class Build
{
    Target Verify => _ => _
        .Description("Unprivileged: proves with real AWS calls that the handed-off key alone is refused S3, and reads the bucket through the role")
        .After(UpAssumeRole, RemediateAssumeRole)
        .Executes(async () =>
        {
            var settings = Settings(privileged: false);
            var pipeline = Pipeline(settings);
            var credentials = await Guarded(() => UnprivilegedCredentialsAsync(pipeline, settings, StackOperation.Up));
            var report = await Guarded(async () =>
            {
                var target = await new VerificationTargetReader(Stacks, Masker)
                    .ReadAsync(settings, credentials, CancellationToken.None);
                return await new LeastPrivilegeVerifier(new AwsClientFactory(), Masker).VerifyAsync(credentials!, target, CancellationToken.None);
            });

            VerificationConsoleReport.Write(Terminal, report);
            await PublishVerificationAsync(report);
            if (report.Failure is { } failure)
                throw new ExplainedFailure(failure);
        });

    /// <summary>On GitHub: the proof in the job summary and, on a pull request, in the pipeline's comment.</summary>
    static async Task PublishVerificationAsync(VerificationReport report)
    {
        if (!OnGitHubActions)
            return;
        var github = Guarded(() => GitHubContext.FromEnvironment(Env));
        await new VerificationPublisher(github, WorkflowCommands, CommentPublisher(github)).PublishAsync(report, CancellationToken.None);
    }
}
