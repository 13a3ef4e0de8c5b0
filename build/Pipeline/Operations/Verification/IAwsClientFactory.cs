using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>Makes the STS and S3 clients Verify calls with; tests point them at local or S3-compatible endpoints.</summary>
public interface IAwsClientFactory
{
    IAmazonSecurityTokenService Sts(AWSCredentials credentials, string region);

    IAmazonS3 S3(AWSCredentials credentials, string region);
}
