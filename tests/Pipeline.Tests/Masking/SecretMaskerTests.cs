using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Tests.Masking;

public sealed class SecretMaskerTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void Masks_a_registered_secret_wherever_it_appears()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);

        var redacted = masker.Redact($"key={Secret} and again:{Secret}.");

        Assert.Equal("key=*** and again:***.", redacted);
    }

    [Fact]
    public void Masks_the_forms_a_secret_is_printed_in()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        var encoded = Uri.EscapeDataString(Secret);
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret));

        var redacted = masker.Redact($"url {encoded} b64 {base64}");

        Assert.DoesNotContain(encoded, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(base64, redacted, StringComparison.Ordinal);
        Assert.Equal("url *** b64 ***", redacted);
    }

    [Fact]
    public void Masks_each_line_of_a_multi_line_secret()
    {
        var masker = new SecretMasker();
        masker.Add("first-line-secret\r\nsecond-line-secret");

        Assert.Equal("*** then ***", masker.Redact("first-line-secret then second-line-secret"));
    }

    [Fact]
    public void Tells_about_each_new_form_once_before_it_is_used()
    {
        var told = new List<string>();
        var masker = new SecretMasker(told.Add);

        masker.Add(Secret);
        masker.Add(Secret);

        Assert.Contains(Secret, told);
        Assert.Equal(told.Count, told.Distinct().Count());
        Assert.Equal(told.Count, masker.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    public void Ignores_values_too_short_to_mask_without_garbling_the_log(string? value)
    {
        var masker = new SecretMasker();
        masker.Add(value);

        Assert.Equal(0, masker.Count);
        Assert.Equal("abc def", masker.Redact("abc def"));
    }

    [Fact]
    public void A_longer_secret_is_masked_whole_even_when_a_shorter_one_is_part_of_it()
    {
        var masker = new SecretMasker();
        masker.Add("EXAMPLE");
        masker.Add("SECRET-EXAMPLE-VALUE");

        Assert.Equal("[***]", masker.Redact("[SECRET-EXAMPLE-VALUE]"));
    }

    [Fact]
    public void A_value_shaped_like_an_AWS_secret_key_is_masked_even_when_never_registered()
    {
        var masker = new SecretMasker();

        var text = masker.Redact("created key AKIAIOSFODNN7EXAMPLE secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, done");

        Assert.Equal("created key AKIAIOSFODNN7EXAMPLE secret=***, done", text);
    }

    [Theory]
    [InlineData("commit 3f2a1b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a")] // a Git commit: lowercase hex
    [InlineData("token wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYX")] // 41 characters
    [InlineData("path /home/runner/work/AssumeRolePipelines")] // no digit
    [InlineData("urn:pulumi:dev::create-role::aws:iam/accessKey:AccessKey::key")]
    public void Text_that_only_resembles_a_secret_key_is_left_alone(string text)
    {
        Assert.Equal(text, new SecretMasker().Redact(text));
    }

    [Fact]
    public void Masks_a_secret_printed_JSON_escaped_with_escaped_slashes()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        var escaped = Secret.Replace("/", "\\/", StringComparison.Ordinal);

        Assert.Equal("{\"key\":\"***\"} {\"key\":\"***\"}", masker.Redact($"{{\"key\":\"{escaped}\"}} {{\"key\":\"{escaped.Replace("+", "\\u002B", StringComparison.Ordinal)}\"}}"));
    }

    [Fact]
    public void Masks_a_secret_printed_with_lowercase_percent_encoding()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        var encoded = Uri.EscapeDataString(Secret).Replace("%2F", "%2f", StringComparison.Ordinal).Replace("%2B", "%2b", StringComparison.Ordinal);

        Assert.Equal("?key=***&x=1", masker.Redact($"?key={encoded}&x=1"));
    }

    public static TheoryData<int> SplitPoints => new() { 8, 13, 20, 27, 32 };

    [Theory]
    [MemberData(nameof(SplitPoints))]
    public void Masks_both_parts_of_a_secret_a_console_wrapped_across_two_lines(int at)
    {
        var masker = new SecretMasker();
        masker.Add("correct-horse-battery-staple-and-more-words"); // no AWS key's shape: only the registered value can match

        var redacted = masker.Redact($"  secret: {"correct-horse-battery-staple-and-more-words"[..at]}\r\n{"correct-horse-battery-staple-and-more-words"[at..]} (end)\nnext");

        Assert.Equal("  secret: ***\r\n*** (end)\nnext", redacted);
    }

    [Fact]
    public void Masks_every_line_of_a_secret_wrapped_across_three_lines_and_each_line_on_its_own()
    {
        const string secret = "correct-horse-battery-staple-and-more-words";
        var masker = new SecretMasker();
        masker.Add(secret);

        Assert.Equal("x ***\n***\n*** y", masker.Redact($"x {secret[..12]}\n{secret[12..28]}\n{secret[28..]} y"));
        // Printed one line at a time, as Pulumi's output is: each call ends at a line break.
        Assert.Equal("x ***", masker.Redact($"x {secret[..12]}"));
        Assert.Equal("*** y", masker.Redact($"{secret[28..]} y"));
    }

    [Fact]
    public void Fewer_than_eight_characters_at_a_line_break_are_left_and_other_text_is_untouched()
    {
        const string secret = "correct-horse-battery-staple-and-more-words";
        var masker = new SecretMasker();
        masker.Add(secret);

        var text = $"ends in {secret[..7]}\n{secret[^7..]} starts, and correct-horse in the middle";

        Assert.Equal(text, masker.Redact(text));
    }

    [Fact]
    public void A_value_shaped_like_an_AWS_secret_key_is_masked_when_an_equals_sign_follows_it()
    {
        var text = new SecretMasker().Redact("secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY=, done");

        Assert.Equal("secret=***=, done", text);
    }
}
