using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

public sealed class UpdateMessageTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("update-message-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static Func<string, string?> Env(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);

    [Fact]
    public void On_GitHub_the_message_names_the_workflow_commit_trigger_and_links_the_run()
    {
        var message = UpdateMessage.For(Env(new()
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKFLOW"] = "Deploy", ["GITHUB_SHA"] = "3f2a1b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
            ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_ACTOR"] = "octocat", ["GITHUB_SERVER_URL"] = "https://github.com/",
            ["GITHUB_REPOSITORY"] = "o/r", ["GITHUB_RUN_ID"] = "42",
        }), localCommit: "ignored-on-github");

        Assert.Equal("Deploy at 3f2a1b9c0d1e (push by octocat): https://github.com/o/r/actions/runs/42", message);
    }

    [Fact]
    public void Locally_the_message_names_the_commit_and_says_local()
    {
        Assert.Equal("local run at 3f2a1b9c0d1e", UpdateMessage.For(Env([]), "3f2a1b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a"));
        Assert.Equal("local run", UpdateMessage.For(Env([]), localCommit: null));
    }

    [Fact]
    public void A_message_is_one_line_of_bounded_length()
    {
        var message = UpdateMessage.For(Env(new()
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKFLOW"] = "Deploy\n--yes " + new string('w', 500), ["GITHUB_SHA"] = "abc",
        }), null);

        Assert.DoesNotContain('\n', message);
        Assert.True(message.Length <= 250, $"{message.Length} characters");
    }

    [Fact]
    public void The_local_commit_is_read_from_a_branch_ref()
    {
        Git("HEAD", "ref: refs/heads/main\n");
        Git("refs/heads/main", "1111111111111111111111111111111111111111\n");

        Assert.Equal("1111111111111111111111111111111111111111", UpdateMessage.LocalCommitOf(_repo));
    }

    [Fact]
    public void The_local_commit_is_read_from_packed_refs_and_from_a_detached_head()
    {
        Git("HEAD", "ref: refs/heads/feature\n");
        Git("packed-refs", "# pack-refs with: peeled fully-peeled sorted\n2222222222222222222222222222222222222222 refs/heads/feature\n");
        Assert.Equal("2222222222222222222222222222222222222222", UpdateMessage.LocalCommitOf(_repo));

        Git("HEAD", "3333333333333333333333333333333333333333\n");
        Assert.Equal("3333333333333333333333333333333333333333", UpdateMessage.LocalCommitOf(_repo));
    }

    [Fact]
    public void A_worktree_reads_its_own_head_and_the_shared_refs()
    {
        Git("refs/heads/wt", "4444444444444444444444444444444444444444\n");
        Git("worktrees/wt/HEAD", "ref: refs/heads/wt\n");
        Git("worktrees/wt/commondir", "../..\n");
        var worktree = Directory.CreateDirectory(Path.Combine(_repo, "wt")).FullName;
        File.WriteAllText(Path.Combine(worktree, ".git"), $"gitdir: {Path.Combine(_repo, ".git", "worktrees", "wt")}\n");

        Assert.Equal("4444444444444444444444444444444444444444", UpdateMessage.LocalCommitOf(worktree));
    }

    [Fact]
    public void No_repository_gives_no_commit()
    {
        Assert.Null(UpdateMessage.LocalCommitOf(_repo));
    }

    private void Git(string path, string content)
    {
        var file = Path.Combine(_repo, ".git", path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }
}
