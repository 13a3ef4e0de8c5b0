using Amazon.Runtime;
using AssumeRolePipeline.Pipeline.Operations.SetUp;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp.Aws;

/// <summary>
/// AWS's published SigV4 test suite (aws-sig-v4-test-suite: credentials AKIDEXAMPLE, region us-east-1, service "service",
/// 2015-08-30T12:36:00Z, host example.amazonaws.com): the Authorization header each vector publishes.
/// </summary>
public sealed class SigV4Tests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SuiteToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static string Authorization(IReadOnlyList<KeyValuePair<string, string>> headers, string body, string? token = null)
    {
        var signed = SigV4.Sign("POST", headers, System.Text.Encoding.UTF8.GetBytes(body), new ImmutableCredentials("AKIDEXAMPLE", Secret, token),
            "us-east-1", "service", SuiteTime);
        return signed.Single(h => h.Key == "Authorization").Value;
    }

    [Fact]
    public void Post_vanilla()
    {
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            Authorization([new("Host", "example.amazonaws.com")], ""));
    }

    [Fact]
    public void Post_x_www_form_urlencoded()
    {
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
            "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            Authorization([new("Content-Type", "application/x-www-form-urlencoded"), new("Host", "example.amazonaws.com")], "Param1=value1"));
    }

    [Fact]
    public void Post_x_www_form_urlencoded_parameters()
    {
        Assert.EndsWith(
            "Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe",
            Authorization([new("Content-Type", "application/x-www-form-urlencoded; charset=utf8"), new("Host", "example.amazonaws.com")], "Param1=value1"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Post_sts_header_before_signs_the_session_token()
    {
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, " +
            "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
            Authorization([new("Host", "example.amazonaws.com")], "", SuiteToken));
    }

    [Fact]
    public void Header_names_are_lowercased_and_sorted_and_values_trimmed_with_inner_spaces_collapsed()
    {
        var (canonical, signed) = SigV4.CanonicalRequest("POST",
            [new("My-Header1", "  a   b  "), new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z")], []);

        Assert.Equal("host;my-header1;x-amz-date", signed);
        Assert.Contains("\nmy-header1:a b\n", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signed_headers_never_hold_the_secret()
    {
        var signed = SigV4.Sign("POST", [new("Host", "iam.amazonaws.com")], [], new ImmutableCredentials("AKIDEXAMPLE", Secret, "token"),
            "us-east-1", "iam", SuiteTime);

        Assert.DoesNotContain(signed, h => h.Value.Contains(Secret, StringComparison.Ordinal));
        Assert.Contains(signed, h => h.Key == SigV4.TokenHeader && h.Value == "token");
    }
}
