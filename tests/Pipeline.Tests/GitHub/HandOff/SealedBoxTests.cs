using System.Security.Cryptography;
using System.Text;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;
using Sodium;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.HandOff;

public sealed class SealedBoxTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void What_the_hand_off_seals_opens_with_the_matching_secret_key()
    {
        var keyPair = PublicKeyBox.GenerateKeyPair();

        var sealedValue = EnvironmentSecretsClient.Seal(Secret, Convert.ToBase64String(keyPair.PublicKey));

        var opened = SealedPublicKeyBox.Open(Convert.FromBase64String(sealedValue), keyPair);
        Assert.Equal(Secret, Encoding.UTF8.GetString(opened));
    }

    [Fact]
    public void Sealed_value_does_not_contain_the_secret_in_any_readable_form()
    {
        var keyPair = PublicKeyBox.GenerateKeyPair();

        var sealedValue = EnvironmentSecretsClient.Seal(Secret, Convert.ToBase64String(keyPair.PublicKey));

        Assert.DoesNotContain(Secret, sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)), sealedValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_key_pair_cannot_open_it()
    {
        var recipient = PublicKeyBox.GenerateKeyPair();
        var stranger = PublicKeyBox.GenerateKeyPair();

        var sealedValue = EnvironmentSecretsClient.Seal(Secret, Convert.ToBase64String(recipient.PublicKey));

        Assert.Throws<CryptographicException>(() => SealedPublicKeyBox.Open(Convert.FromBase64String(sealedValue), stranger));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("AAAA")]
    public void Refuses_a_public_key_that_is_not_32_bytes_without_showing_the_value(string key)
    {
        var error = Assert.Throws<EnvironmentSecretsException>(() => EnvironmentSecretsClient.Seal(Secret, key, "aws-unprivileged"));

        Assert.Contains("32-byte", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }
}
