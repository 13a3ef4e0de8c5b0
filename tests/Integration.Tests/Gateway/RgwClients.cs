using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>The real AWS SDK clients, pointed at the gateway.</summary>
internal static class RgwClients
{
    /// <summary>radosgw accepts any region in the signature; this is the one its default zonegroup answers to.</summary>
    public const string Region = "us-east-1";

    // Every client gets its own connections (CacheHttpClient = false): after an early rejection radosgw
    // leaves the unread request body on a kept-alive connection, and the next request sharing it would
    // read garbage. No retries either: a refusal is the answer a test is waiting for, not a hiccup.
    public static AmazonSecurityTokenServiceClient Sts(RgwConfig config, AWSCredentials credentials) =>
        new(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = config.Endpoint.ToString(),
            AuthenticationRegion = Region,
            CacheHttpClient = false,
            MaxErrorRetry = 0,
        });

    // Path-style: the gateway on 127.0.0.1 has no DNS name for virtual-host buckets. WHEN_REQUIRED: radosgw
    // 16 predates the SDK's default flexible checksums on every PutObject and refuses them.
    public static AmazonS3Client S3(RgwConfig config, AWSCredentials credentials) =>
        new(credentials, new AmazonS3Config
        {
            ServiceURL = config.Endpoint.ToString(),
            AuthenticationRegion = Region,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            CacheHttpClient = false,
            MaxErrorRetry = 0,
        });

    public static BasicAWSCredentials Keys(RgwUser user) => new(user.AccessKeyId, user.SecretAccessKey);
}
