namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>
/// The AWS half of <c>./build.sh SetUp</c> and <c>CheckSetUp</c>: GitHub's OIDC identity provider (once per account)
/// and, per environment that assumes a role, that role with exactly its environment's OIDC subject in its trust.
/// </summary>
public interface IAwsSetUp
{
    /// <summary>Previews (<paramref name="dryRun"/>) or applies the set-up stack; the roles' ARNs by environment and what changed (or would).</summary>
    Task<AwsSetUpResult> ApplyAsync(AwsSetUpRequest request, bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// Reads each given role's trust policy and returns one line per way it trusts more than its environment's OIDC subject
    /// (or cannot be read); empty when every role trusts exactly its subject.
    /// </summary>
    Task<IReadOnlyList<string>> CheckTrustAsync(AwsSetUpRequest request, IReadOnlyDictionary<string, string> roleArnByEnvironment,
        CancellationToken cancellationToken);
}
