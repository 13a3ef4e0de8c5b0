using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>
/// AWS's own endpoints for the region, or the given service URLs (a local or S3-compatible endpoint; S3
/// then addressed path-style, as such an endpoint has no DNS name per bucket). Only the credentials
/// passed in are used: never the environment's, a profile's or the machine's.
/// </summary>
public sealed class AwsClientFactory : IAwsClientFactory
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private readonly string? _stsServiceUrl;
    private readonly string? _s3ServiceUrl;

    public AwsClientFactory(string? stsServiceUrl = null, string? s3ServiceUrl = null)
    {
        _stsServiceUrl = stsServiceUrl;
        _s3ServiceUrl = s3ServiceUrl;
    }

    public IAmazonSecurityTokenService Sts(AWSCredentials credentials, string region)
    {
        var config = new AmazonSecurityTokenServiceConfig { Timeout = CallTimeout };
        if (_stsServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    public IAmazonS3 S3(AWSCredentials credentials, string region)
    {
        var config = new AmazonS3Config { Timeout = CallTimeout };
        if (_s3ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = region;
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonS3Client(credentials, config);
    }
}
