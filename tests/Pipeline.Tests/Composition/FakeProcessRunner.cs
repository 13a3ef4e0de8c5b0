using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Composition;

/// <summary>Records each program the build starts and answers with a scripted exit code, running what a test gives it.</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    public List<(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)> Runs { get; } = [];

    public int ExitCode { get; set; }

    /// <summary>What the program does when it runs, e.g. npm ci putting the dependencies in place.</summary>
    public Action? OnRun { get; set; }

    public Task<int> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        Runs.Add((fileName, arguments, workingDirectory));
        OnRun?.Invoke();
        return Task.FromResult(ExitCode);
    }
}
