using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.Readiness;

namespace AssumeRolePipeline.Pipeline.Tests.Readiness;

/// <summary>
/// The real AWS SDK STS client against a local STS that refuses as IAM does while it propagates. The
/// backoff and the deadline run on a <see cref="SteppingClock"/>: virtual seconds, so no deadline here
/// depends on how fast this machine answers.
/// </summary>
public sealed class StsCredentialReadinessTests : IAsyncLifetime
{
    private static readonly UnprivilegedCredentials Credentials =
        new("arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static readonly ReadinessTarget Target = new("us-east-1", Credentials.RoleArn, "assume-role-dev", "PulumiApplication");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly List<string> _progress = [];
    private readonly SteppingClock _clock = new();
    private LocalStsServer _sts = null!;

    public async Task InitializeAsync() => _sts = await LocalStsServer.StartAsync();

    public async Task DisposeAsync() => await _sts.DisposeAsync();

    private Task<ReadinessResult> WaitAsync(string? serviceUrl = null, TimeSpan? deadline = null) =>
        new StsCredentialReadiness(
                ReadinessOptions.Default with { Timeout = deadline ?? Deadline, ServiceUrl = serviceUrl ?? _sts.Url }, _clock, _progress.Add)
            .WaitAsync(Credentials, Target, CancellationToken.None);

    private IEnumerable<string> Actions => _sts.Requests.Select(r => r.Action);

    [Fact]
    public async Task Succeeds_after_the_key_is_refused_twice_and_the_role_once()
    {
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "InvalidClientTokenId", "InvalidClientTokenId");
        LocalStsServer.Script(_sts.AssumeRoleScript, "AccessDenied");

        var result = await WaitAsync();

        Assert.Equal(3, result.Refusals);
        Assert.Equal(["GetCallerIdentity", "GetCallerIdentity", "GetCallerIdentity", "AssumeRole", "AssumeRole"], Actions);
        Assert.Equal(3, _progress.Count);
        Assert.Contains("(InvalidClientTokenId)", _progress[0], StringComparison.Ordinal);
        Assert.Contains("sts:AssumeRole of arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c", _progress[2], StringComparison.Ordinal);
        Assert.True(result.KeyWait > TimeSpan.Zero && result.RoleWait > TimeSpan.Zero);
        Assert.Equal(_clock.Elapsed, result.Total);
    }

    [Fact]
    public async Task Asks_with_the_new_key_for_the_role_session_and_external_id_given()
    {
        await WaitAsync();

        var assumeRole = _sts.Requests.Single(r => r.Action == "AssumeRole");
        Assert.Equal(Credentials.RoleArn, assumeRole.Form["RoleArn"]);
        Assert.Equal("assume-role-dev", assumeRole.Form["RoleSessionName"]);
        Assert.Equal("PulumiApplication", assumeRole.Form["ExternalId"]);
        Assert.All(_sts.Requests, r => Assert.Contains("Credential=AKIAIOSFODNN7EXAMPLE/", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_that_works_at_once_costs_one_call_each()
    {
        var result = await WaitAsync();

        Assert.Equal(0, result.Refusals);
        Assert.Equal(2, _sts.Requests.Count);
        Assert.Empty(_progress);
        Assert.Equal(TimeSpan.Zero, result.Total);
    }

    [Fact]
    public async Task Fails_at_once_on_an_error_waiting_cannot_fix()
    {
        LocalStsServer.Script(_sts.AssumeRoleScript, "RegionDisabledException");

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() => WaitAsync());

        Assert.Contains("with RegionDisabledException", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Waiting cannot fix this error", thrown.Message, StringComparison.Ordinal);
        Assert.Single(_sts.Requests, r => r.Action == "AssumeRole");
    }

    [Fact]
    public async Task Gives_up_at_the_deadline_saying_what_was_still_refused_and_for_how_long()
    {
        for (var i = 0; i < 500; i++)
            _sts.GetCallerIdentityScript.Enqueue("InvalidClientTokenId");

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() => WaitAsync());

        var match = System.Text.RegularExpressions.Regex.Match(thrown.Message,
            @"^Gave up after (?<seconds>\d+)s: the new access key AKIAIOSFODNN7EXAMPLE was still refused \(InvalidClientTokenId");
        Assert.True(match.Success, thrown.Message);
        Assert.InRange(int.Parse(match.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture), 60, 60 + 5);
        Assert.Contains("--readiness-timeout", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AssumeRole", Actions);
        Assert.InRange(_sts.Requests.Count, 10, 120); // backoff: at most 5s apart, not hammering STS either
        Assert.InRange(_clock.Elapsed, Deadline, Deadline + ReadinessOptions.Default.MaxDelay);
    }

    [Fact]
    public async Task A_secret_that_does_not_belong_to_the_key_fails_after_a_short_grace_with_its_own_message()
    {
        for (var i = 0; i < 200; i++)
            _sts.GetCallerIdentityScript.Enqueue("SignatureDoesNotMatch");

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() => WaitAsync());

        Assert.StartsWith("STS refused the new access key AKIAIOSFODNN7EXAMPLE with SignatureDoesNotMatch: the secret access key " +
                          "does not belong to that access key id", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("stale or partial", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Gave up", thrown.Message, StringComparison.Ordinal);
        // Waited out for the grace only (a new key can be refused so for seconds), not the 60 s deadline.
        var grace = ReadinessOptions.Default.WrongSecretGrace;
        Assert.InRange(_clock.Elapsed, grace, grace + ReadinessOptions.Default.MaxDelay);
        Assert.True(_clock.Elapsed < Deadline);
        Assert.DoesNotContain(_sts.Requests, r => r.Action == "AssumeRole");
    }

    [Fact]
    public async Task A_brand_new_key_refused_with_SignatureDoesNotMatch_for_seconds_is_waited_out()
    {
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "SignatureDoesNotMatch", "SignatureDoesNotMatch", "SignatureDoesNotMatch");

        var result = await WaitAsync();

        Assert.True(result.Refusals >= 1);
        Assert.Contains("AssumeRole", Actions);
        Assert.Contains(_progress, p => p.StartsWith("Waiting for IAM: the new access key AKIAIOSFODNN7EXAMPLE is refused (SignatureDoesNotMatch)", StringComparison.Ordinal));
    }

    /// <summary>StsFailuresTests sorts every code; these go through the real client and connection.</summary>
    [Theory]
    [InlineData("Throttling@400", 4)]
    [InlineData("ServiceUnavailable@503", 4)]
    [InlineData("drop", 12)]
    public async Task Throttling_server_errors_and_broken_connections_are_tried_again(string failure, int count)
    {
        // The SDK (once, for its clock-skew correction) and HttpClient (a dropped pooled connection) retry
        // a failed call themselves: script enough failures to get past them.
        var failures = Enumerable.Repeat(failure, count).ToArray();
        LocalStsServer.Script(_sts.GetCallerIdentityScript, failures);
        LocalStsServer.Script(_sts.AssumeRoleScript, failures);

        var result = await WaitAsync();

        Assert.True(result.Refusals >= 2, $"{result.Refusals} retries");
        Assert.Contains(_progress, p => p.StartsWith("Waiting for STS: asking about the new access key", StringComparison.Ordinal));
        Assert.Contains(_progress, p => p.StartsWith("Waiting for STS: asking about sts:AssumeRole", StringComparison.Ordinal));
        Assert.Equal("AssumeRole", Actions.Last());
    }

    [Fact]
    public async Task An_unreachable_STS_is_tried_until_the_deadline_and_then_explained_without_a_raw_exception()
    {
        var closedPort = _sts.Url;
        await _sts.DisposeAsync();
        _sts = await LocalStsServer.StartAsync();

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() => WaitAsync(closedPort, TimeSpan.FromSeconds(5)));

        Assert.Matches(@"^Gave up after \d+s: STS could not be asked about the new access key AKIAIOSFODNN7EXAMPLE \(HttpRequestException: ", thrown.Message);
        Assert.Contains("Check the network path to STS", thrown.Message, StringComparison.Ordinal);
        Assert.True(_clock.Elapsed >= TimeSpan.FromSeconds(5));
        Assert.True(_progress.Count >= 3, string.Join("\n", _progress));
    }

    [Fact]
    public async Task Nothing_it_says_contains_the_secret_key()
    {
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "InvalidAccessKeyId", "Throttling@400", "drop");
        LocalStsServer.Script(_sts.AssumeRoleScript, "MalformedPolicyDocument");

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() => WaitAsync());

        Assert.All(_progress.Append(thrown.Message), text => Assert.DoesNotContain(Credentials.SecretAccessKey, text, StringComparison.Ordinal));
        Assert.All(_sts.Requests, r => Assert.DoesNotContain(Credentials.SecretAccessKey, string.Join("&", r.Form.Values), StringComparison.Ordinal));
    }
}
