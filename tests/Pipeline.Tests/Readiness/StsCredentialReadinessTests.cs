using AssumeRolePipeline.Pipeline.Orchestration;
using AssumeRolePipeline.Pipeline.Readiness;

namespace AssumeRolePipeline.Pipeline.Tests.Readiness;

/// <summary>The real AWS SDK STS client against a local STS that refuses as IAM does while it propagates.</summary>
public sealed class StsCredentialReadinessTests : IAsyncLifetime
{
    private static readonly UnprivilegedCredentials Credentials =
        new("arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static readonly ReadinessTarget Target = new("us-east-1", Credentials.RoleArn, "assume-role-dev", "PulumiApplication");

    private readonly List<string> _progress = [];
    private LocalStsServer _sts = null!;

    public async Task InitializeAsync() => _sts = await LocalStsServer.StartAsync();

    public async Task DisposeAsync() => await _sts.DisposeAsync();

    private StsCredentialReadiness Readiness(TimeSpan timeout) =>
        new(new ReadinessOptions(timeout, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), _sts.Url), TimeProvider.System, _progress.Add);

    [Fact]
    public async Task Succeeds_after_the_key_is_refused_twice_and_the_role_once()
    {
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "InvalidClientTokenId", "InvalidClientTokenId");
        LocalStsServer.Script(_sts.AssumeRoleScript, "AccessDenied");

        var result = await Readiness(TimeSpan.FromSeconds(30)).WaitAsync(Credentials, Target, CancellationToken.None);

        Assert.Equal(3, result.Refusals);
        Assert.Equal(["GetCallerIdentity", "GetCallerIdentity", "GetCallerIdentity", "AssumeRole", "AssumeRole"], _sts.Requests.Select(r => r.Action));
        Assert.Equal(3, _progress.Count);
        Assert.Contains("(InvalidClientTokenId)", _progress[0], StringComparison.Ordinal);
        Assert.Contains("sts:AssumeRole of arn:aws:iam::123456789012:role/allow-s3-management-1a2b3c", _progress[2], StringComparison.Ordinal);
        Assert.True(result.Total > TimeSpan.Zero);
    }

    [Fact]
    public async Task Asks_with_the_new_key_for_the_role_session_and_external_id_given()
    {
        await Readiness(TimeSpan.FromSeconds(30)).WaitAsync(Credentials, Target, CancellationToken.None);

        var assumeRole = _sts.Requests.Single(r => r.Action == "AssumeRole");
        Assert.Equal(Credentials.RoleArn, assumeRole.Form["RoleArn"]);
        Assert.Equal("assume-role-dev", assumeRole.Form["RoleSessionName"]);
        Assert.Equal("PulumiApplication", assumeRole.Form["ExternalId"]);
        Assert.All(_sts.Requests, r => Assert.Contains("Credential=AKIAIOSFODNN7EXAMPLE/", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_that_works_at_once_costs_one_call_each()
    {
        var result = await Readiness(TimeSpan.FromSeconds(30)).WaitAsync(Credentials, Target, CancellationToken.None);

        Assert.Equal(0, result.Refusals);
        Assert.Equal(2, _sts.Requests.Count);
        Assert.Empty(_progress);
    }

    [Fact]
    public async Task Fails_at_once_on_an_error_waiting_cannot_fix()
    {
        LocalStsServer.Script(_sts.AssumeRoleScript, "RegionDisabledException");

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() =>
            Readiness(TimeSpan.FromSeconds(30)).WaitAsync(Credentials, Target, CancellationToken.None));

        Assert.Contains("with RegionDisabledException", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Waiting cannot fix this error", thrown.Message, StringComparison.Ordinal);
        Assert.Single(_sts.Requests, r => r.Action == "AssumeRole");
    }

    [Fact]
    public async Task Gives_up_at_the_deadline_saying_what_was_still_refused_and_for_how_long()
    {
        // Warm the SDK up first: its first call alone can take longer than this test's deadline.
        await Readiness(TimeSpan.FromSeconds(30)).WaitAsync(Credentials, Target, CancellationToken.None);
        _sts.Requests.Clear();
        for (var i = 0; i < 500; i++)
            _sts.GetCallerIdentityScript.Enqueue("SignatureDoesNotMatch");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() =>
            Readiness(TimeSpan.FromSeconds(1)).WaitAsync(Credentials, Target, CancellationToken.None));

        Assert.Matches(@"^Gave up after \d+s: the new access key AKIAIOSFODNN7EXAMPLE was still refused \(SignatureDoesNotMatch", thrown.Message);
        Assert.Contains("--readiness-timeout", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_sts.Requests, r => r.Action == "AssumeRole");
        Assert.True(_sts.Requests.Count >= 2, "it never retried");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Nothing_it_says_contains_the_secret_key()
    {
        LocalStsServer.Script(_sts.GetCallerIdentityScript, "InvalidAccessKeyId");
        LocalStsServer.Script(_sts.AssumeRoleScript, "MalformedPolicyDocument");

        var thrown = await Assert.ThrowsAsync<CredentialsNotReadyException>(() =>
            Readiness(TimeSpan.FromSeconds(30)).WaitAsync(Credentials, Target, CancellationToken.None));

        Assert.All(_progress.Append(thrown.Message), text => Assert.DoesNotContain(Credentials.SecretAccessKey, text, StringComparison.Ordinal));
        Assert.All(_sts.Requests, r => Assert.DoesNotContain(Credentials.SecretAccessKey, string.Join("&", r.Form.Values), StringComparison.Ordinal));
    }
}
