using AssumeRolePipeline.Pipeline.Operations.SetUp;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp;

/// <summary>The AWS half as the GitHub half sees it: each role's ARN by environment, and what it reports.</summary>
internal sealed class FakeAwsSetUp : IAwsSetUp
{
    public const string DeployBoundary = "arn:aws:iam::123456789012:policy/assume-role-pipeline-deploy-boundary";
    public const string ReviewBoundary = "arn:aws:iam::123456789012:policy/assume-role-pipeline-review-boundary";

    public List<(AwsSetUpRequest Request, bool DryRun)> Applied { get; } = [];

    public List<IReadOnlyDictionary<string, string>> TrustChecked { get; } = [];

    public IReadOnlyList<string> Changes { get; set; } = [];

    public IReadOnlyList<string> TrustProblems { get; set; } = [];

    public static string RoleArn(string environment) => $"arn:aws:iam::123456789012:role/github/{environment}";

    public Task<AwsSetUpResult> ApplyAsync(AwsSetUpRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        Applied.Add((request, dryRun));
        return Task.FromResult(new AwsSetUpResult(request.Roles.ToDictionary(r => r.Environment, r => RoleArn(r.Environment)), DeployBoundary, ReviewBoundary,
            Changes));
    }

    public Task<IReadOnlyList<string>> CheckTrustAsync(AwsSetUpRequest request, IReadOnlyDictionary<string, string> roleArnByEnvironment,
        CancellationToken cancellationToken)
    {
        TrustChecked.Add(roleArnByEnvironment);
        return Task.FromResult(TrustProblems);
    }
}
