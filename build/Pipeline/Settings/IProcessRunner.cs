namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>Starts a program and waits for it: how the build installs the policy pack's dependencies (<c>npm ci</c>).</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/>, its output going to the build's own; returns its exit code.</summary>
    Task<int> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);
}
