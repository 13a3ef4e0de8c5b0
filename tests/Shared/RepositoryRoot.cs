namespace AssumeRolePipeline.Tests;

/// <summary>Shared by every test project (linked in tests/Directory.Build.props). The checkout the tests run from: the folder above the test binaries that holds the solution.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AssumeRolePipeline.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("AssumeRolePipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
