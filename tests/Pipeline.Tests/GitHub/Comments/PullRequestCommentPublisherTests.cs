using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Comments;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.Comments;

public sealed class PullRequestCommentPublisherTests : IAsyncLifetime
{
    private static readonly Uri RunUrl = new("https://github.com/o/r/actions/runs/99");
    private FakeIssueCommentsApi _api = null!;
    private PullRequestCommentPublisher _publisher = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeIssueCommentsApi.StartAsync();
        _publisher = new PullRequestCommentPublisher(GitHubConnections.CreateClient(_api.Server.BaseAddress, "t"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task Upsert(string sectionId, string markdown) =>
        _publisher.UpsertSectionAsync("o", "r", 7, sectionId, markdown, RunUrl, CancellationToken.None);

    [Fact]
    public async Task Creates_the_comment_the_first_time()
    {
        await Upsert("create-role@dev", "### ✅ create-role / dev — preview succeeded");

        var comment = Assert.Single(_api.Comments);
        Assert.StartsWith(PullRequestCommentPublisher.Marker + "\n", comment.Body, StringComparison.Ordinal);
        Assert.Contains("### ✅ create-role / dev — preview succeeded", comment.Body, StringComparison.Ordinal);
        Assert.Contains("[this workflow run](https://github.com/o/r/actions/runs/99)", comment.Body, StringComparison.Ordinal);
        Assert.Contains(_api.Server.Requests, r => r is { Method: "POST", RawPath: "/repos/o/r/issues/7/comments" });
    }

    [Fact]
    public async Task Finds_its_comment_on_a_later_page_and_updates_it_instead_of_adding_one()
    {
        for (var i = 0; i < 2 * FakeIssueCommentsApi.PageSize; i++)
            _api.Add($"LGTM {i}, mentions {PullRequestCommentPublisher.Marker} but does not start with it");
        await Upsert("create-role@dev", "create-role section");
        var ours = _api.Comments[^1].Id;
        _api.Add("a later review comment");

        await Upsert("assume-role@dev", "assume-role section");

        Assert.Equal(6, _api.Comments.Count);
        var updated = _api.Comments.Single(c => c.Id == ours).Body;
        Assert.Contains("create-role section", updated, StringComparison.Ordinal);
        Assert.Contains("assume-role section", updated, StringComparison.Ordinal);
        Assert.Contains(_api.Server.Requests, r => r.RawTarget.Contains("page=3", StringComparison.Ordinal));
        Assert.Single(_api.Server.Requests, r => r.Method == "POST");
        Assert.Single(_api.Server.Requests, r => r.Method == "PATCH" && r.RawPath == $"/repos/o/r/issues/comments/{ours}");
    }

    [Fact]
    public async Task Each_job_replaces_its_own_section_and_keeps_the_others_in_order()
    {
        await Upsert("create-role@dev", "create-role run 1");
        await Upsert("assume-role@dev", "assume-role run 1");

        await Upsert("create-role@dev", "create-role run 2");
        await Upsert("assume-role@dev", "assume-role run 2");

        var body = Assert.Single(_api.Comments).Body;
        Assert.DoesNotContain("run 1", body, StringComparison.Ordinal);
        var createRole = body.IndexOf("create-role run 2", StringComparison.Ordinal);
        var assumeRole = body.IndexOf("assume-role run 2", StringComparison.Ordinal);
        Assert.InRange(createRole, 0, assumeRole);
    }

    [Fact]
    public async Task Text_in_a_section_that_looks_like_a_marker_cannot_corrupt_the_comment()
    {
        await Upsert("create-role@dev", "log:\n<!-- assume-role-pipeline:end create-role@dev -->\n<!-- assume-role-pipeline:section assume-role@dev -->\nfake");
        await Upsert("assume-role@dev", "the real assume-role section");
        await Upsert("create-role@dev", "clean");

        var body = Assert.Single(_api.Comments).Body;
        Assert.Contains("the real assume-role section", body, StringComparison.Ordinal);
        Assert.DoesNotContain("fake", body, StringComparison.Ordinal);
        Assert.Equal(2, PullRequestCommentBody.Parse(body).Count);
    }

    [Fact]
    public async Task A_section_that_leaves_a_code_block_open_does_not_swallow_the_next()
    {
        await Upsert("create-role@dev", "```text\nunterminated");
        await Upsert("assume-role@dev", "second");

        var body = Assert.Single(_api.Comments).Body;
        Assert.Contains("```text\nunterminated\n```\n<!-- assume-role-pipeline:end create-role@dev -->", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cuts_the_longest_section_to_stay_under_65536_characters_with_a_note_and_the_run_link()
    {
        await Upsert("create-role@dev", "create-role summary, short");
        var huge = "### assume-role\n<details><summary>log</summary>\n\n```text\n" +
                   string.Concat(Enumerable.Repeat("a line of a very long pulumi log\n", 4_000)) + "```\n</details>\n";

        await Upsert("assume-role@dev", huge);

        var body = Assert.Single(_api.Comments).Body;
        Assert.InRange(body.Length, 60_000, PullRequestCommentPublisher.MaxBodyLength);
        Assert.Contains("create-role summary, short", body, StringComparison.Ordinal);
        Assert.Contains("This section was cut to fit GitHub's limit", body, StringComparison.Ordinal);
        Assert.Contains("[workflow run](https://github.com/o/r/actions/runs/99)", body, StringComparison.Ordinal);
        var assumeRole = PullRequestCommentBody.Parse(body).Single(s => s.Id == "assume-role@dev").Markdown;
        Assert.Contains("```\n\n</details>\n", assumeRole, StringComparison.Ordinal); // closed before the note
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("x -->")]
    [InlineData("injected")]
    public async Task Refuses_a_section_id_that_is_not_one_of_the_pipelines_stacks(string sectionId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Upsert(sectionId, "x"));

        Assert.Empty(_api.Server.Requests);
    }

    [Fact]
    public async Task A_comment_planted_by_someone_else_with_the_marker_is_neither_edited_nor_copied()
    {
        var planted = $"{PullRequestCommentPublisher.Marker}\n<!-- assume-role-pipeline:section assume-role@dev -->\n" +
                      "✅ all good, [approve here](https://evil.example)\n<!-- assume-role-pipeline:end assume-role@dev -->\n";
        var plantedId = _api.Add(planted, author: "mallory");

        await Upsert("create-role@dev", "create-role section");

        Assert.Equal(planted, _api.Comments.Single(c => c.Id == plantedId).Body);
        var ours = _api.Comments.Single(c => c.Id != plantedId);
        Assert.Equal(FakeIssueCommentsApi.Bot, ours.Author);
        Assert.Contains("create-role section", ours.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", ours.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task The_comment_is_rebuilt_from_the_pipelines_own_sections_only()
    {
        var edited = $"{PullRequestCommentPublisher.Marker}\n" +
                     "<!-- assume-role-pipeline:section injected -->\nextra text\n<!-- assume-role-pipeline:end injected -->\n" +
                     "<!-- assume-role-pipeline:section assume-role@dev -->\nassume-role section\n<!-- assume-role-pipeline:end assume-role@dev -->\n" +
                     "<!-- assume-role-pipeline:section assume-role@dev -->\na second copy\n<!-- assume-role-pipeline:end assume-role@dev -->\n";
        var id = _api.Add(edited, author: FakeIssueCommentsApi.Bot);

        await Upsert("create-role@dev", "create-role section");

        var body = _api.Comments.Single(c => c.Id == id).Body;
        Assert.Equal(["create-role@dev", "assume-role@dev"], PullRequestCommentBody.Parse(body).Select(s => s.Id));
        Assert.Contains("assume-role section", body, StringComparison.Ordinal);
        Assert.DoesNotContain("extra text", body, StringComparison.Ordinal);
        Assert.DoesNotContain("a second copy", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_personal_token_only_that_users_comment_is_the_pipelines()
    {
        _api.Identity = "octocat";
        var botsId = _api.Add($"{PullRequestCommentPublisher.Marker}\nwritten with another token", author: FakeIssueCommentsApi.Bot);
        await Upsert("create-role@dev", "first");

        await Upsert("create-role@dev", "second");

        Assert.Equal($"{PullRequestCommentPublisher.Marker}\nwritten with another token", _api.Comments.Single(c => c.Id == botsId).Body);
        var ours = Assert.Single(_api.Comments, c => c.Author == "octocat");
        Assert.Contains("second", ours.Body, StringComparison.Ordinal);
        Assert.Single(_api.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Every_stack_and_stage_has_its_own_section_in_stack_then_stage_order()
    {
        await Upsert(PullRequestCommentPublisher.SectionId("prod", "create-role"), "prod create-role");
        await Upsert(PullRequestCommentPublisher.SectionId("dev", "verify"), "dev verify");
        await Upsert(PullRequestCommentPublisher.SectionId("dev", "create-role"), "dev create-role");
        await Upsert(PullRequestCommentPublisher.SectionId("prod", "create-role"), "prod create-role, again");

        var body = Assert.Single(_api.Comments).Body;
        Assert.Equal(["create-role@dev", "verify@dev", "create-role@prod"], PullRequestCommentBody.Parse(body).Select(s => s.Id));
        Assert.Contains("prod create-role, again", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create-role")]
    [InlineData("unknown@dev")]
    [InlineData("create-role@bad stack")]
    [InlineData("create-role@dev@prod")]
    public async Task A_section_id_that_is_not_a_stage_of_a_stack_is_refused(string id)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Upsert(id, "x"));
        Assert.Empty(_api.Server.Requests);
    }
}
