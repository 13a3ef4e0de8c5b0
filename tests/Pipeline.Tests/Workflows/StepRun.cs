using System.Diagnostics;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// Runs one workflow step's script with bash as the runner does (<c>bash -e -o pipefail</c>), with the
/// step's env: values a test gives, a GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file, and a stand-in for the
/// GitHub CLI that answers from what the test set: the changed files, and which environments exist.
/// </summary>
internal sealed class StepRun : IDisposable
{
    private const string FakeGh = """
        #!/usr/bin/env bash
        # Stand-in for the GitHub CLI: logs each call; answers from FAKE_GH_FILES and FAKE_GH_ENVIRONMENTS,
        # or fails every call with FAKE_GH_FAILURE.
        printf '%s\n' "$*" >>"$FAKE_GH_LOG"
        if [ -n "${FAKE_GH_FAILURE:-}" ]; then echo "$FAKE_GH_FAILURE" >&2; exit 1; fi
        for argument in "$@"; do
          case "$argument" in
            */pulls/*/files* | */compare/*)
              cat "$FAKE_GH_FILES"
              exit 0
              ;;
            */environments/*)
              grep -qxF -- "${argument##*/environments/}" "$FAKE_GH_ENVIRONMENTS" && exit 0
              echo "gh: Not Found (HTTP 404)" >&2
              exit 1
              ;;
          esac
        done
        echo "fake gh: unexpected call: $*" >&2
        exit 2
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "step-run-" + Guid.NewGuid().ToString("N"));

    public StepRun()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "bin"));
        WriteScript(Path.Combine("bin", "gh"), FakeGh);
        foreach (var file in new[] { "output", "summary", "gh.log", "files", "environments" })
            File.WriteAllText(Path.Combine(_directory, file), string.Empty);
    }

    /// <summary>A folder the script runs in, where a test may put its own <c>build.sh</c>.</summary>
    public string WorkingDirectory => _directory;

    /// <summary>The files the stand-in lists for a pull request or a comparison.</summary>
    public IReadOnlyList<string> ChangedFiles
    {
        set => File.WriteAllText(Path.Combine(_directory, "files"), string.Concat(value.Select(f => f + "\n")));
    }

    /// <summary>The environments the stand-in finds (URL-encoded, as the script asks for them); others are 404.</summary>
    public IReadOnlyList<string> ExistingEnvironments
    {
        set => File.WriteAllText(Path.Combine(_directory, "environments"), string.Concat(value.Select(f => f + "\n")));
    }

    public IReadOnlyList<string> GhCalls => File.ReadAllLines(Path.Combine(_directory, "gh.log"));

    public string Summary => File.ReadAllText(Path.Combine(_directory, "summary"));

    public IReadOnlyDictionary<string, string> Outputs =>
        File.ReadAllLines(Path.Combine(_directory, "output")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    /// <summary>Writes an executable script into the working folder (e.g. a stand-in <c>build.sh</c>).</summary>
    public void WriteScript(string relativePath, string text)
    {
        var path = Path.Combine(_directory, relativePath);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public (int ExitCode, string Output) Run(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.Environment["PATH"] = Path.Combine(_directory, "bin") + Path.PathSeparator + start.Environment["PATH"];
        start.Environment["GITHUB_OUTPUT"] = Path.Combine(_directory, "output");
        start.Environment["GITHUB_STEP_SUMMARY"] = Path.Combine(_directory, "summary");
        start.Environment["FAKE_GH_LOG"] = Path.Combine(_directory, "gh.log");
        start.Environment["FAKE_GH_FILES"] = Path.Combine(_directory, "files");
        start.Environment["FAKE_GH_ENVIRONMENTS"] = Path.Combine(_directory, "environments");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
