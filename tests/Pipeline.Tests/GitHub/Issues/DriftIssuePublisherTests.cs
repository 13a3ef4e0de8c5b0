using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.Issues;
using AssumeRolePipeline.Pipeline.Tests.Drift;

namespace AssumeRolePipeline.Pipeline.Tests.GitHub.Issues;

public sealed class DriftIssuePublisherTests : IAsyncLifetime
{
    private const string Marker = "<!-- assume-role-pipeline:drift create-role/dev -->";
    private static readonly Uri Run1 = new("https://github.com/o/r/actions/runs/1");
    private static readonly Uri Run2 = new("https://github.com/o/r/actions/runs/2");
    private FakeIssuesApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeIssuesApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private DriftIssuePublisher Publisher(string? author = null) => new(GitHubConnections.CreateClient(_api.Server.BaseAddress, "t"), author);

    private static StackReport Report(StackOperation operation = StackOperation.Drift, StackOutcome outcome = StackOutcome.Succeeded,
        params DriftedResource[] drift) =>
        DriftReport.Create("create-role", "dev", operation, outcome, new DriftFindings([.. drift]), [], TimeSpan.FromSeconds(3));

    private static readonly DriftedResource ChangedPolicy =
        new("aws:iam/rolePolicy:RolePolicy", "allow-s3-management-policy", DriftKind.ChangedOutOfBand, ["policy"]);

    private Task<DriftIssueOutcome> Publish(StackReport report, Uri runUrl, string? author = null) =>
        Publisher(author).PublishAsync("o", "r", report, runUrl, CancellationToken.None);

    [Fact]
    public async Task Drift_opens_one_labelled_issue_with_the_report_behind_a_hidden_marker()
    {
        var outcome = await Publish(Report(drift: ChangedPolicy), Run1);

        Assert.Equal(DriftIssueOutcome.Opened, outcome);
        var issue = Assert.Single(_api.Issues);
        Assert.Equal("Drift in create-role/dev", issue.Title);
        Assert.Equal(["drift"], issue.Labels);
        Assert.StartsWith(Marker + "\n", issue.Body, StringComparison.Ordinal);
        Assert.Contains("| allow-s3-management-policy | `aws:iam/rolePolicy:RolePolicy` | changed out of band | `policy` |", issue.Body, StringComparison.Ordinal);
        Assert.Contains(Run1.AbsoluteUri, issue.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_run_finds_the_issue_on_a_later_page_by_its_marker_and_updates_it_in_place()
    {
        for (var i = 0; i < 2 * FakeIssuesApi.PageSize; i++)
            _api.Add($"unrelated drift {i}", $"mentions {Marker} but does not start with it");
        _api.Add("a pull request", Marker + "\n", isPullRequest: true);
        await Publish(Report(drift: ChangedPolicy), Run1);
        var ours = _api.Issues[^1].Number;

        var outcome = await Publish(Report(drift: ChangedPolicy with { Kind = DriftKind.DeletedOutOfBand, Properties = [] }), Run2);

        Assert.Equal(DriftIssueOutcome.Updated, outcome);
        Assert.Equal(6, _api.Issues.Count);
        var body = _api.Issue(ours).Body;
        Assert.Contains("deleted out of band", body, StringComparison.Ordinal);
        Assert.Contains(Run2.AbsoluteUri, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Run1.AbsoluteUri, body, StringComparison.Ordinal);
        Assert.Contains(_api.Server.Requests, r => r.RawTarget.Contains("page=3", StringComparison.Ordinal));
        Assert.Single(_api.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Each_stack_has_its_own_issue()
    {
        await Publish(Report(drift: ChangedPolicy), Run1);
        await Publisher().PublishAsync("o", "r", Report(drift: ChangedPolicy) with { Project = "assume-role" }, Run1, CancellationToken.None);

        Assert.Equal(2, _api.Issues.Count);
        Assert.Contains(_api.Issues, i => i.Title == "Drift in assume-role/dev");
    }

    [Fact]
    public async Task A_run_without_drift_closes_the_issue_with_a_comment_linking_the_run()
    {
        await Publish(Report(drift: ChangedPolicy), Run1);

        var outcome = await Publish(Report(), Run2);

        Assert.Equal(DriftIssueOutcome.Closed, outcome);
        var issue = Assert.Single(_api.Issues);
        Assert.Equal("closed", issue.State);
        Assert.Equal("completed", issue.StateReason);
        Assert.Contains($"No drift found by [this workflow run]({Run2.AbsoluteUri})", Assert.Single(issue.Comments), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remediation_closes_the_issue_saying_so()
    {
        await Publish(Report(drift: ChangedPolicy), Run1);

        await Publish(Report(StackOperation.Remediate), Run2);

        Assert.Contains("Remediated by", Assert.Single(Assert.Single(_api.Issues).Comments), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_drift_and_no_issue_writes_nothing()
    {
        Assert.Equal(DriftIssueOutcome.NothingToDo, await Publish(Report(), Run1));
        Assert.DoesNotContain(_api.Server.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task A_failed_or_skipped_check_leaves_the_issue_alone()
    {
        await Publish(Report(drift: ChangedPolicy), Run1);

        Assert.Equal(DriftIssueOutcome.LeftAlone, await Publish(Report(outcome: StackOutcome.Failed), Run2));
        Assert.Equal(DriftIssueOutcome.LeftAlone, await Publish(Report(outcome: StackOutcome.Skipped), Run2));
        Assert.Equal("open", Assert.Single(_api.Issues).State);
    }

    [Fact]
    public async Task An_issue_someone_else_wrote_with_the_marker_is_never_edited_or_closed()
    {
        var planted = _api.Add("Drift in create-role/dev", Marker + "\nplanted", author: "mallory");

        await Publish(Report(drift: ChangedPolicy), Run1);
        await Publish(Report(), Run2);

        Assert.Equal("open", _api.Issue(planted).State);
        Assert.Equal(Marker + "\nplanted", _api.Issue(planted).Body);
        Assert.Equal("closed", _api.Issues.Single(i => i.Number != planted).State);
    }

    [Fact]
    public async Task The_tokens_identity_comes_from_GET_user_when_GitHub_answers_it()
    {
        _api.UserLogin = "drift-bot";
        var theirs = _api.Add("Drift in create-role/dev", Marker + "\n", author: FakeIssuesApi.TokenLogin);
        _api.Add("Drift in create-role/dev", Marker + "\nbot's", author: "drift-bot");

        await Publish(Report(), Run1);

        Assert.Equal("open", _api.Issue(theirs).State);
        Assert.Equal("closed", _api.Issues.Single(i => i.Author == "drift-bot").State);
    }

    [Fact]
    public async Task Without_issues_write_the_403_is_explained_naming_the_permission()
    {
        _api.RefuseWritesWith = 403;

        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(() => Publish(Report(drift: ChangedPolicy), Run1));

        Assert.Contains("create-role/dev", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("'permissions: issues: write'", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(thrown.Message, thrown.ToString());
    }

    [Theory]
    [MemberData(nameof(RateLimitAnswer.Names), MemberType = typeof(RateLimitAnswer))]
    public async Task A_rate_limit_is_explained_as_one_and_not_as_a_missing_permission(string answer)
    {
        _api.RateLimited = RateLimitAnswer.All[answer];

        var thrown = await Assert.ThrowsAsync<ExplainedFailure>(() => Publish(Report(drift: ChangedPolicy), Run1, author: FakeIssuesApi.TokenLogin));
        var asked = await Assert.ThrowsAsync<ExplainedFailure>(() => Publish(Report(drift: ChangedPolicy), Run1)); // GET /user rate-limited

        Assert.All(new[] { thrown.Message, asked.Message }, message =>
        {
            Assert.Contains("create-role/dev", message, StringComparison.Ordinal);
            Assert.Contains("rate limit", message, StringComparison.Ordinal);
            Assert.Contains("Re-run the job", message, StringComparison.Ordinal);
            Assert.DoesNotContain("issues: write", message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', message);
        });
        Assert.Empty(_api.Issues);
    }

    [Fact]
    public async Task A_rate_limit_says_when_to_try_again()
    {
        _api.RateLimited = RateLimitAnswer.All["secondary: 429, retry-after"];
        var retry = await Assert.ThrowsAsync<ExplainedFailure>(() => Publish(Report(drift: ChangedPolicy), Run1, author: FakeIssuesApi.TokenLogin));
        _api.RateLimited = RateLimitAnswer.All["primary: 403, remaining 0, other words"];
        var reset = await Assert.ThrowsAsync<ExplainedFailure>(() => Publish(Report(drift: ChangedPolicy), Run1, author: FakeIssuesApi.TokenLogin));

        Assert.Contains("after 30 seconds", retry.Message, StringComparison.Ordinal);
        Assert.Contains("after 2100-01-01 00:00 UTC", reset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_longer_than_GitHub_allows_is_cut_with_a_note()
    {
        var many = Enumerable.Range(0, 3000)
            .Select(i => new DriftedResource("aws:iam/user:User", $"user-{i}-with-a-rather-long-logical-name", DriftKind.ChangedOutOfBand, ["tags.Owner"]))
            .ToArray();

        await Publish(Report(drift: many), Run1);

        var body = Assert.Single(_api.Issues).Body;
        Assert.InRange(body.Length, 1, 65_536);
        Assert.Contains("The report is cut to fit", body, StringComparison.Ordinal);
    }
}
