using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AssumeRolePipeline.Pipeline.Model;
using Polly;
using Polly.Retry;

namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

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

    private async Task Poll<T>(string step, IReadOnlySet<string> propagation, long start, Action onRefusal,
        Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        bool Retryable(Exception? error, CancellationToken token) =>
            error is not null && StsFailures.Classify(error, propagation, token) switch
            {
                StsFailureKind.NotYetPropagated or StsFailureKind.Transient => _time.GetElapsedTime(start) < _options.Timeout,
                StsFailureKind.WrongSecret => _time.GetElapsedTime(start) < Min(_options.WrongSecretGrace, _options.Timeout),
                _ => false,
            };

        var retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(Retryable(args.Outcome.Exception, args.Context.CancellationToken)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstDelay,
                MaxDelay = _options.MaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    onRefusal();
                    var error = args.Outcome.Exception!;
                    var what = StsFailures.Classify(error, propagation, args.Context.CancellationToken) is StsFailureKind.NotYetPropagated
                            or StsFailureKind.WrongSecret
                        ? $"Waiting for IAM: {step} is refused ({(error as AmazonServiceException)?.ErrorCode})"
                        : $"Waiting for STS: asking about {step} failed ({Short(error)})";
                    _progress($"{what}; next try in {args.RetryDelay.TotalSeconds:0.0}s " +
                              $"({_time.GetElapsedTime(start).TotalSeconds:0}s of {_options.Timeout.TotalSeconds:0}s).");
                    return default;
                },
            })
            .Build();

        try
        {
            await retry.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StsFailures.Classify(e, propagation, cancellationToken) is { } kind)
        {
            var waited = $"{_time.GetElapsedTime(start).TotalSeconds:0}s";
            if (kind is StsFailureKind.NotYetPropagated or StsFailureKind.Transient or StsFailureKind.WrongSecret)
                onRefusal();
            throw new CredentialsNotReadyException(kind switch
            {
                StsFailureKind.NotYetPropagated =>
                    $"Gave up after {waited}: {step} was still refused ({StsFailures.Describe(e)}). " +
                    "IAM usually propagates within a minute; run the stage again, or raise --readiness-timeout.",
                StsFailureKind.Transient =>
                    $"Gave up after {waited}: STS could not be asked about {step} ({StsFailures.Describe(e)}): throttled, " +
                    "unavailable or unreachable the whole time. Check the network path to STS and run the stage again, " +
                    "or raise --readiness-timeout.",
                StsFailureKind.WrongSecret =>
                    $"STS refused {step} with SignatureDoesNotMatch: the secret access key does not belong to that access key " +
                    $"id (still, after {waited}; a brand-new key is refused this way for seconds at most). The hand-off is stale " +
                    "or partial (the secrets of two hand-offs mixed, e.g. read while a deploy was writing them), or this " +
                    "machine's clock is off by minutes. Waiting longer cannot fix this: re-run after the deploy that writes " +
                    "the hand-off has finished.",
                _ when e is AmazonServiceException => $"STS refused {step} with {StsFailures.Describe(e)}. Waiting cannot fix this error.",
                _ => $"Asking STS about {step} failed before it answered ({StsFailures.Describe(e)}). Waiting cannot fix this error.",
            }, e);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Short(Exception error) =>
        error is AmazonServiceException { ErrorCode.Length: > 0 } aws ? aws.ErrorCode : error.GetType().Name;

    private AmazonSecurityTokenServiceClient CreateClient(AWSCredentials credentials, string region)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            // One retry of the SDK's own, which also corrects a skewed clock; refusals, throttling and network
            // errors are retried here, with their own backoff and deadline.
            MaxErrorRetry = 1,
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
