using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AssumeRolePipeline.Pipeline.Orchestration;
using Polly;
using Polly.Retry;

namespace AssumeRolePipeline.Pipeline.Readiness;

/// <summary>
/// Polls STS with the new credentials, <c>GetCallerIdentity</c> and then <c>AssumeRole</c> of the target
/// role, with exponential backoff and jitter, until both succeed or the deadline passes. IAM has no
/// API that says when a key or a trust policy has propagated, so asking is the only way to know.
/// </summary>
public sealed class StsCredentialReadiness : ICredentialReadiness
{
    private readonly ReadinessOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _progress;

    /// <param name="progress">Told of each refusal and the next try; the text holds no secret.</param>
    public StsCredentialReadiness(ReadinessOptions options, TimeProvider time, Action<string> progress)
    {
        _options = options;
        _time = time;
        _progress = progress;
    }

    public async Task<ReadinessResult> WaitAsync(UnprivilegedCredentials credentials, ReadinessTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(target);
        using var sts = CreateClient(new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey), target.Region);
        var start = _time.GetTimestamp();
        var refusals = 0;

        var keyStep = $"the new access key {credentials.AccessKeyId}";
        await Poll(keyStep, PropagationErrors.NewKey, start, () => refusals++,
            ct => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), cancellationToken).ConfigureAwait(false);
        var keyWait = _time.GetElapsedTime(start);

        var roleStep = $"sts:AssumeRole of {target.RoleArn} with {credentials.AccessKeyId}";
        var request = new AssumeRoleRequest
        {
            RoleArn = target.RoleArn,
            RoleSessionName = target.SessionName,
            ExternalId = target.ExternalId,
            DurationSeconds = 900, // the shortest session: this one only proves the trust policy works
        };
        await Poll(roleStep, PropagationErrors.NewRole, start, () => refusals++,
            ct => sts.AssumeRoleAsync(request, ct), cancellationToken).ConfigureAwait(false);

        return new ReadinessResult(keyWait, _time.GetElapsedTime(start) - keyWait, refusals);
    }

    private async Task Poll<T>(string step, IReadOnlySet<string> retryable, long start, Action onRefusal,
        Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is AmazonServiceException e && retryable.Contains(e.ErrorCode ?? string.Empty) &&
                    _time.GetElapsedTime(start) < _options.Timeout),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstDelay,
                MaxDelay = _options.MaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    onRefusal();
                    var code = (args.Outcome.Exception as AmazonServiceException)?.ErrorCode;
                    _progress($"Waiting for IAM: {step} is refused ({code}); next try in {args.RetryDelay.TotalSeconds:0.0}s " +
                              $"({_time.GetElapsedTime(start).TotalSeconds:0}s of {_options.Timeout.TotalSeconds:0}s).");
                    return default;
                },
            })
            .Build();

        try
        {
            await retry.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (retryable.Contains(e.ErrorCode ?? string.Empty))
        {
            onRefusal();
            throw new CredentialsNotReadyException(
                $"Gave up after {_time.GetElapsedTime(start).TotalSeconds:0}s: {step} was still refused ({e.ErrorCode}: {e.Message}). " +
                "IAM usually propagates within a minute; run the stage again, or raise --readiness-timeout.", e);
        }
        catch (AmazonServiceException e)
        {
            throw new CredentialsNotReadyException(
                $"STS refused {step} with {e.ErrorCode}: {e.Message}. Waiting cannot fix this error.", e);
        }
    }

    private AmazonSecurityTokenServiceClient CreateClient(AWSCredentials credentials, string region)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            MaxErrorRetry = 1, // refusals are retried here, with their own backoff and deadline
            Timeout = TimeSpan.FromSeconds(10),
        };
        if (_options.ServiceUrl is { } url)
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

}
