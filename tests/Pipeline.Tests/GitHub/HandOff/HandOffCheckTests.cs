using AssumeRolePipeline.Pipeline.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.HandOff;

public sealed class HandOffCheckTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/assume-role-dev";
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static Func<string, string?> Environment(string? roleArn = RoleArn, string? accessKeyId = AccessKeyId, string? secret = Secret)
    {
        var variables = new Dictionary<string, string?>
        {
            [HandOffSecretNames.RoleArn] = roleArn,
            [HandOffSecretNames.AccessKeyId] = accessKeyId,
            [HandOffSecretNames.SecretAccessKey] = secret,
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
        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(Environment(null, null, null), null));

        Assert.Equal(HandOffProblem.Missing, error.Problem);
        Assert.Contains("have not been handed off yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("run the deploy workflow first", error.Message, StringComparison.Ordinal);
        Assert.Contains(HandOffSecretNames.SecretAccessKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_only_the_secrets_that_are_missing()
    {
        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(Environment(accessKeyId: ""), null));

        Assert.Contains($"{HandOffSecretNames.AccessKeyId} is empty", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HandOffSecretNames.RoleArn, error.Message, StringComparison.Ordinal);
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
