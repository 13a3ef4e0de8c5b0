using System.Collections.Immutable;
using Amazon.Runtime;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.SetUp;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Tests.Readiness;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp.Aws;

/// <summary>An <see cref="AwsSetUp"/> wired to a local STS, a local IAM and an in-memory set-up stack.</summary>
internal sealed class AwsSetUpFixture : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSETUPKEY";
    public const string SessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    public const string Account = "123456789012";
    public const string Repository = "octo-org/widgets";
    public const string ProviderArn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    public const string DeployBoundaryArn = "arn:aws:iam::123456789012:policy/assume-role-pipeline-boundary";
    public const string ReviewBoundaryArn = "arn:aws:iam::123456789012:policy/assume-role-pipeline-review-boundary";

    public static readonly StateBackend Backend = new("file:///repo/.pulumi-state", IsLocalDefault: true,
        ImmutableDictionary<string, string?>.Empty.Add("PULUMI_BACKEND_URL", "file:///repo/.pulumi-state"));

    public static readonly AwsSetUpRequest Request = new(Repository, "us-east-1",
    [
        new AwsRoleRequest(AwsRoleKind.Deploy, "dev", "aws-privileged"),
        new AwsRoleRequest(AwsRoleKind.Preview, "dev", "aws-preview"),
        new AwsRoleRequest(AwsRoleKind.Deploy, "prod", "aws-prod-privileged"),
        new AwsRoleRequest(AwsRoleKind.Preview, "prod", "aws-prod-preview"),
        new AwsRoleRequest(AwsRoleKind.Review, "pr-*", "aws-review-privileged"),
    ]);

    private AwsSetUpFixture(LocalStsServer sts, LocalIamServer iam, bool temporary)
    {
        Sts = sts;
        Iam = iam;
        var credentials = temporary
            ? new SessionAWSCredentials(AccessKeyId, SecretKey, SessionToken)
            : (AWSCredentials)new BasicAWSCredentials(AccessKeyId, SecretKey);
        Access = new AwsAccess((_, _) => CredentialsFailure is null ? Task.FromResult(credentials) : throw CredentialsFailure,
            new AwsClientFactory(sts.Url), iam.Url, Http, TimeProvider.System);
        SetUp = new AwsSetUp(Stacks, "/repo", Backend, Progress.Add, Access);
    }

    public LocalStsServer Sts { get; }

    public LocalIamServer Iam { get; }

    public SetUpStackOperator Stacks { get; } = new();

    public List<string> Progress { get; } = [];

    public HttpClient Http { get; } = new();

    public AwsAccess Access { get; }

    public AwsSetUp SetUp { get; }

    public Exception? CredentialsFailure { get; set; }

    public static async Task<AwsSetUpFixture> StartAsync(bool temporaryCredentials = false) =>
        new(await LocalStsServer.StartAsync(), await LocalIamServer.StartAsync(SecretKey), temporaryCredentials);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Sts.DisposeAsync();
        await Iam.DisposeAsync();
    }
}
