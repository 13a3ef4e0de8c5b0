using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Failures;
using AssumeRolePipeline.Pipeline.GitHub;
using AssumeRolePipeline.Pipeline.GitHub.Comments;
using AssumeRolePipeline.Pipeline.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.GitHub.WorkflowCommands;
using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Reporting;
using AssumeRolePipeline.Pipeline.Settings;
using Nuke.Common;
using Spectre.Console;

/// <summary>
/// The GitHub side: the hand-off of create-role's outputs to the unprivileged environment's secrets,
/// reading them back in the unprivileged job, and publishing reports (job summary, PR comment, annotations).
/// </summary>
sealed partial class Build
{
    [Parameter("GitHub environment that receives the handed-off credentials. Default: aws-unprivileged")]
    readonly string UnprivilegedEnvironment = "aws-unprivileged";

    /// <summary>--unprivileged-environment, checked before any call: it becomes one segment of the secrets' REST path.</summary>
    string HandOffEnvironment => Guarded(() => InputRules.Require(UnprivilegedEnvironment,
        v => InputRules.GitHubEnvironmentName(v, "unprivileged environment (--unprivileged-environment)")));

    static bool OnGitHubActions => Env("GITHUB_ACTIONS") == "true";

    static WorkflowCommandWriter WorkflowCommands => new(Console.Out);

    Target HandOff => _ => _
        .Description("CI, privileged job: stores create-role's outputs as secrets of the unprivileged GitHub environment")
        // NUKE runs targets that are not ordered by their definitions, not the order typed: hand off after the update.
        .After(UpCreateRole, RemediateCreateRole)
        .Executes(async () =>
        {
            var environment = HandOffEnvironment;
            var (github, secrets) = SecretsClient();
            var settings = Settings(privileged: false);
            var credentials = CreateRoleStage?.Credentials
                              ?? await Guarded(() => Pipeline(settings).CurrentCredentialsAsync(settings, CancellationToken.None));
            if (credentials is null)
                throw new ExplainedFailure($"create-role/{settings.Stack} exports no credentials to hand off: run UpCreateRole first.");
            // A review stack's secrets carry its suffix in the environment all review stacks share (HandOffSlot).
            await Guarded(() => new CredentialHandOff(secrets, Masker.Add).WriteAsync(environment, HandOffSlot.For(settings.Stack), credentials!, CancellationToken.None));
            // Plain on purpose: the unprivileged job compares its secrets with it to spot a stale hand-off.
            if (github.OutputPath is { } output)
                new EnvironmentFileWriter(output).Set("access-key-id", credentials!.AccessKeyId);
            Terminal.WriteLine($"Handed off {credentials!.AccessKeyId} and {credentials.RoleArn} to the '{environment}' environment.");
        });

    Target RemoveHandOff => _ => _
        .Description("CI, privileged job: deletes the handed-off secrets from the unprivileged GitHub environment")
        .After(DestroyCreateRole)
        .Executes(async () =>
        {
            var environment = HandOffEnvironment;
            var (_, secrets) = SecretsClient();
            var slot = HandOffSlot.For(DeclaredStackName);
            await Guarded(() => new CredentialHandOff(secrets, Masker.Add).RemoveAsync(environment, slot, CancellationToken.None));
            Terminal.WriteLine($"Removed the handed-off secrets {string.Join(", ", slot.All)} from the '{environment}' environment.");
        });

    /// <summary>
    /// The identity of an unprivileged stage: on GitHub the environment secrets the privileged job wrote
    /// (checked against the key id it published); locally what create-role exports.
    /// </summary>
    async Task<UnprivilegedCredentials?> UnprivilegedCredentialsAsync(StackPipeline pipeline, PipelineSettings settings, StackOperation operation)
    {
        if (!OnGitHubActions && HandOffSecretNames.All.All(name => string.IsNullOrEmpty(Env(name))))
            return await pipeline.CurrentCredentialsAsync(settings, CancellationToken.None);
        try
        {
            var credentials = HandOffCheck.Read(Env, Env("EXPECTED_ACCESS_KEY_ID"), settings.Stack);
            Masker.Add(credentials.SecretAccessKey);
            return credentials;
        }
        catch (HandOffException e) when (e.Problem == HandOffProblem.Missing && operation != StackOperation.Up)
        {
            return null; // before the first deployment: a preview says so, a destroy finds nothing to destroy
        }
    }

    /// <summary>On GitHub: the job summary, an error annotation on failure, and on a pull request its comment.</summary>
    static async Task PublishOnGitHubAsync(PipelineRun run)
    {
        if (!OnGitHubActions)
            return;
        var github = Guarded(() => GitHubContext.FromEnvironment(Env));
        await new GitHubRunReporter(github, WorkflowCommands, CommentPublisher(github)).PublishAsync(run, CancellationToken.None);
    }

    /// <summary>The PR comment's writer, with the step's GITHUB_TOKEN; null without one (a warning says so).</summary>
    static PullRequestCommentPublisher? CommentPublisher(GitHubContext github) =>
        Env("GITHUB_TOKEN") is { Length: > 0 } token
            ? new PullRequestCommentPublisher(GitHubConnections.CreateClient(github.ApiUrl, token))
            : null;

    static (GitHubContext GitHub, EnvironmentSecretsClient Secrets) SecretsClient() => Guarded(() =>
    {
        var token = Env("GITHUB_SECRETS_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidInputException(new InputError("GITHUB_SECRETS_TOKEN", null,
                "a token allowed to write environment secrets (Secrets and Environments: write); GITHUB_TOKEN cannot. " +
                "See 'Set up on GitHub' in the README"));
        }

        var github = GitHubContext.FromEnvironment(Env);
        return (github, new EnvironmentSecretsClient(GitHubConnections.CreateConnection(github.ApiUrl, token), github.Owner, github.Repository));
    });
}
