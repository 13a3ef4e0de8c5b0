using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Safety.HandOff;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.HandOff;

public sealed class HandOffCheckTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/assume-role-dev";
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>A hand-off as HandOff writes it: the fingerprint made from the other three unless one is given.</summary>
    private static Func<string, string?> Environment(
        string? roleArn = RoleArn, string? accessKeyId = AccessKeyId, string? secret = Secret, string? fingerprint = null)
    {
        var variables = new Dictionary<string, string?>
        {
            [HandOffSecretNames.RoleArn] = roleArn,
            [HandOffSecretNames.AccessKeyId] = accessKeyId,
            [HandOffSecretNames.SecretAccessKey] = secret,
            [HandOffSecretNames.Fingerprint] = fingerprint ?? HandOffFingerprint.Compute(new UnprivilegedCredentials(roleArn ?? "", accessKeyId ?? "", secret ?? "")),
        };
        return name => variables.GetValueOrDefault(name);
    }

    [Fact]
    public void Reads_the_handed_off_credentials()
    {
        var credentials = HandOffCheck.Read(Environment(), expectedAccessKeyId: AccessKeyId);

        Assert.Equal(new UnprivilegedCredentials(RoleArn, AccessKeyId, Secret), credentials);
    }

    [Fact]
    public void Without_an_expected_key_any_well_formed_hand_off_is_used()
    {
        Assert.Equal(AccessKeyId, HandOffCheck.Read(Environment(), expectedAccessKeyId: null).AccessKeyId);
    }

    [Fact]
    public void No_hand_off_yet_says_to_run_the_privileged_job_first()
    {
        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(Environment(null, null, null, fingerprint: ""), null));

        Assert.Equal(HandOffProblem.Missing, error.Problem);
        Assert.Contains("have not been handed off yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("deploy the stack first", error.Message, StringComparison.Ordinal);
        Assert.Contains(HandOffSecretNames.SecretAccessKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Some_secrets_empty_is_a_partial_hand_off_naming_only_those()
    {
        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(Environment(accessKeyId: ""), null));

        Assert.Equal(HandOffProblem.Partial, error.Problem);
        Assert.Contains($"partial or stale: {HandOffSecretNames.AccessKeyId} is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-run this job after it finishes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_without_their_fingerprint_are_not_used()
    {
        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(Environment(fingerprint: ""), null));

        Assert.Equal(HandOffProblem.Partial, error.Problem);
        Assert.Contains($"{HandOffSecretNames.Fingerprint} is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs one run of the deploy workflow", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A deploy rewrites the secrets one by one; a preview that starts meanwhile sees a mix.</summary>
    [Theory]
    [InlineData("new key id with the old secret")]
    [InlineData("new secret with the old key id")]
    [InlineData("old role ARN with the new key")]
    public void A_mix_of_two_hand_offs_is_partial_before_anything_reaches_AWS(string mix)
    {
        var old = new UnprivilegedCredentials("arn:aws:iam::123456789012:role/assume-role-old", "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");
        var current = new UnprivilegedCredentials(RoleArn, AccessKeyId, Secret);
        var (seen, fingerprintOf) = mix switch
        {
            "new key id with the old secret" => (old with { AccessKeyId = current.AccessKeyId }, old),
            "new secret with the old key id" => (current with { AccessKeyId = old.AccessKeyId }, old),
            _ => (current with { RoleArn = old.RoleArn }, current),
        };

        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(
            Environment(seen.RoleArn, seen.AccessKeyId, seen.SecretAccessKey, HandOffFingerprint.Compute(fingerprintOf)), null));

        Assert.Equal(HandOffProblem.Partial, error.Problem);
        Assert.Contains($"{HandOffSecretNames.Fingerprint} does not match", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent to AWS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HandOffFingerprint.Compute(fingerprintOf), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(seen.SecretAccessKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_binds_all_three_values_and_hides_the_secret()
    {
        var credentials = new UnprivilegedCredentials(RoleArn, AccessKeyId, Secret);
        var fingerprint = HandOffFingerprint.Compute(credentials);

        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
        Assert.True(HandOffFingerprint.Matches(credentials, fingerprint.ToUpperInvariant()));
        Assert.DoesNotContain(Secret, fingerprint, StringComparison.Ordinal);
        Assert.Equal(4, new[]
        {
            fingerprint,
            HandOffFingerprint.Compute(credentials with { RoleArn = RoleArn + "2" }),
            HandOffFingerprint.Compute(credentials with { AccessKeyId = "AKIAI44QH8DHBEXAMPLE" }),
            HandOffFingerprint.Compute(credentials with { SecretAccessKey = Secret + "2" }),
        }.Distinct().Count());
    }

    [Fact]
    public void Secrets_older_than_this_runs_privileged_job_are_stale_with_the_re_run_fallback()
    {
        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(Environment(), expectedAccessKeyId: "AKIAI44QH8DHBEXAMPLE"));

        Assert.Equal(HandOffProblem.Stale, error.Problem);
        Assert.Contains("older than this run's privileged job", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-run this job", error.Message, StringComparison.Ordinal);
        Assert.Contains("…MPLE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123:role/x", AccessKeyId, Secret, HandOffSecretNames.RoleArn)]
    [InlineData(RoleArn, "not-a-key-id", Secret, HandOffSecretNames.AccessKeyId)]
    [InlineData(RoleArn, AccessKeyId, "short", HandOffSecretNames.SecretAccessKey)]
    [InlineData(RoleArn, AccessKeyId, Secret + "\n", HandOffSecretNames.SecretAccessKey)]
    [InlineData(RoleArn + "\n", AccessKeyId, Secret, HandOffSecretNames.RoleArn)]
    [InlineData(RoleArn, AccessKeyId + "\n", Secret, HandOffSecretNames.AccessKeyId)]
    public void Malformed_values_name_the_secret_and_its_rule_but_never_the_secret(string roleArn, string accessKeyId, string secret, string named)
    {
        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(Environment(roleArn, accessKeyId, secret), null));

        Assert.Equal(HandOffProblem.Malformed, error.Problem);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_the_credentials_never_shows_the_secret()
    {
        var credentials = new UnprivilegedCredentials(RoleArn, AccessKeyId, Secret);

        var printed = $"{credentials}";

        Assert.DoesNotContain(Secret, printed, StringComparison.Ordinal);
        Assert.Contains(AccessKeyId, printed, StringComparison.Ordinal);
        Assert.Contains("SecretAccessKey = ***", printed, StringComparison.Ordinal);
    }
}
