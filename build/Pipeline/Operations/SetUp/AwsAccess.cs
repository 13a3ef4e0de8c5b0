using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using AssumeRolePipeline.Pipeline.Operations.Verification;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>
/// How the set-up reaches AWS: whose credentials (the SDK's default chain: environment, profile, SSO, web identity,
/// container, instance), the STS client, IAM's endpoint and the clock that signs. Tests replace each.
/// </summary>
/// <param name="IamEndpoint">IAM's endpoint when overridden (AWS_ENDPOINT_URL_IAM or AWS_ENDPOINT_URL, a local server in tests); null for the partition's own.</param>
internal sealed record AwsAccess(
    Func<string, CancellationToken, Task<AWSCredentials>> Credentials,
    IAwsClientFactory Clients,
    Uri? IamEndpoint,
    HttpClient Http,
    TimeProvider Time)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public static AwsAccess Default(Func<string, string?> environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var endpoint = environment("AWS_ENDPOINT_URL_IAM") ?? environment("AWS_ENDPOINT_URL");
        return new AwsAccess(ResolveAsync, new AwsClientFactory(), endpoint is null ? null : new Uri(endpoint),
            new HttpClient { Timeout = CallTimeout }, time);
    }

    /// <summary>The credentials the AWS SDK (and the Pulumi AWS provider, which runs the stack) would find.</summary>
    private static async Task<AWSCredentials> ResolveAsync(string region, CancellationToken cancellationToken)
    {
        using var resolver = new DefaultAWSCredentialsIdentityResolver();
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        return await resolver.ResolveIdentityAsync(config, cancellationToken).ConfigureAwait(false);
    }
}
