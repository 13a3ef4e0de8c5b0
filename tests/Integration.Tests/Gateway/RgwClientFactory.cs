using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using AssumeRolePipeline.Pipeline.Operations.Verification;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>Verify's clients, made as <see cref="RgwClients"/> makes them: own connections, no retries, path-style S3.</summary>
internal sealed class RgwClientFactory(RgwConfig config) : IAwsClientFactory
{
    public IAmazonSecurityTokenService Sts(AWSCredentials credentials, string region) => RgwClients.Sts(config, credentials);

    public IAmazonS3 S3(AWSCredentials credentials, string region) => RgwClients.S3(config, credentials);
}
