using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Settings;

public sealed class LocalPassphraseFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "passphrase-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Creates_a_random_passphrase_once_readable_by_the_user_alone()
    {
        var path = Path.Combine(_directory, "nested", "local-state.passphrase");

        Assert.True(LocalPassphraseFile.EnsureExists(path));
        var first = File.ReadAllText(path);
        Assert.False(LocalPassphraseFile.EnsureExists(path));

        Assert.Equal(first, File.ReadAllText(path));
        Assert.Equal(32, Convert.FromBase64String(first).Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Two_passphrases_differ()
    {
        LocalPassphraseFile.EnsureExists(Path.Combine(_directory, "a"));
        LocalPassphraseFile.EnsureExists(Path.Combine(_directory, "b"));

        Assert.NotEqual(File.ReadAllText(Path.Combine(_directory, "a")), File.ReadAllText(Path.Combine(_directory, "b")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
