namespace AssumeRolePipeline.Pipeline.Stages;

/// <summary>
/// The message each preview, update and destroy carries, so that <c>pulumi stack history</c> and Pulumi
/// Cloud link an update back to what triggered it: on GitHub the workflow, the commit and the run's URL;
/// locally the commit and "local".
/// </summary>
public static class UpdateMessage
{
    private const int MaxLength = 250;

    /// <param name="environment">Reads an environment variable (the runner's <c>GITHUB_*</c> ones).</param>
    /// <param name="localCommit">The checked-out commit, when known (a local run).</param>
    public static string For(Func<string, string?> environment, string? localCommit)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Env(string name) => environment(name) is { Length: > 0 } value ? OneLine(value) : null;

        if (Env("GITHUB_ACTIONS") == "true")
        {
            var workflow = Env("GITHUB_WORKFLOW") ?? "GitHub Actions";
            var commit = Short(Env("GITHUB_SHA"));
            var trigger = Env("GITHUB_EVENT_NAME") is { } eventName
                ? Env("GITHUB_ACTOR") is { } actor ? $" ({eventName} by {actor})" : $" ({eventName})"
                : string.Empty;
            var run = Env("GITHUB_SERVER_URL") is { } server && Env("GITHUB_REPOSITORY") is { } repository && Env("GITHUB_RUN_ID") is { } runId
                ? $": {server.TrimEnd('/')}/{repository}/actions/runs/{runId}"
                : string.Empty;
            return Limit($"{workflow} at {commit ?? "an unknown commit"}{trigger}{run}");
        }

        return Limit(Short(localCommit is null ? null : OneLine(localCommit)) is { } local ? $"local run at {local}" : "local run");
    }

    /// <summary>
    /// The commit checked out in <paramref name="repositoryRoot"/>, read from <c>.git</c> (a worktree's
    /// <c>.git</c> file and packed refs included), or null where there is none: a message is a courtesy,
    /// never a reason to fail a run.
    /// </summary>
    public static string? LocalCommitOf(string repositoryRoot)
    {
        try
        {
            var git = Path.Combine(repositoryRoot, ".git");
            if (File.Exists(git) && File.ReadAllText(git).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                git = Path.GetFullPath(pointer["gitdir:".Length..].Trim(), repositoryRoot);
            var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal))
                return head;
            var name = head["ref:".Length..].Trim();
            // A worktree keeps HEAD to itself and shares refs with the main repository (its "commondir").
            var common = File.Exists(Path.Combine(git, "commondir"))
                ? Path.GetFullPath(File.ReadAllText(Path.Combine(git, "commondir")).Trim(), git)
                : git;
            var loose = Path.Combine(common, name);
            if (File.Exists(loose))
                return File.ReadAllText(loose).Trim();
            var packed = Path.Combine(common, "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == name)?[0]
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Short(string? commit) => commit is null ? null : commit.Length > 12 ? commit[..12] : commit;

    // A message is one line on the command line and in the history; the runner's values are trusted, not free text.
    private static string OneLine(string value) => value.ReplaceLineEndings(" ").Trim();

    private static string Limit(string message) => message.Length <= MaxLength ? message : message[..MaxLength];
}
