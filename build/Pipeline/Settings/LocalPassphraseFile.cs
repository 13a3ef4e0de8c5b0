using System.Security.Cryptography;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// The passphrase of the local default state backend: made once, random, readable by the user alone,
/// and kept in the user's home rather than the work tree, so secrets in the state stay encrypted with
/// no setup and no secret is left in the repository folder.
/// </summary>
public static class LocalPassphraseFile
{
    /// <returns>True when the file was created now (the caller says so once).</returns>
    public static bool EnsureExists(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var passphrase = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, options);
        writer.Write(passphrase);
        return true;
    }
}
