using AssumeRolePipeline.Pipeline.Stages;

namespace AssumeRolePipeline.Pipeline.Tests.Automation;

/// <summary>
/// The CLI calls a real build made, recorded from runs of the compiled build (real NUKE and Pulumi.Automation) against
/// a Pulumi CLI that logs its argv (the files in Recorded/: one call a line, tab-separated, its folder last; each section
/// headed by the target and how many CLI starts it made). They pin what the SDK builds, which no test here can run.
/// </summary>
public sealed class RecordedArgvTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "Pipeline.Tests", "Automation", "Recorded");

    public static TheoryData<string> Files => [.. Directory.GetFiles(Folder, "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private const string SetUpFolder = "cwd=<repo>/stacks/SetUp";

    private static List<(string Target, int Starts, List<string[]> Calls)> Sections(string file, bool withFolder = false)
    {
        var sections = new List<(string, int, List<string[]>)>();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, file)).Where(l => l.Length > 0))
        {
            if (line.StartsWith('#'))
            {
                var words = line.TrimStart('#', ' ').Split(' ');
                sections.Add((words[0], int.Parse(line.Split("): ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), []));
                continue;
            }

            sections[^1].Item3.Add(line.Split('\t').Where(field => withFolder || !field.StartsWith("cwd=", StringComparison.Ordinal)).ToArray());
        }

        return sections;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_recorded_call_is_one_the_CLI_accepts_and_each_target_made_the_calls_its_header_counts(string file)
    {
        var sections = Sections(file);

        Assert.NotEmpty(sections);
        Assert.All(sections, section =>
        {
            Assert.Equal(section.Starts, section.Calls.Count);
            Assert.All(section.Calls, argv => Assert.Null(CliFlagRules.Refusal(argv)));
            Assert.Equal(1, section.Calls.Count(argv => argv is ["version"]));
        });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_policy_pack_reaches_every_preview_and_update_of_the_two_stacks_and_no_destroy_refresh_drift_or_set_up(string file)
    {
        var operations = Sections(file, withFolder: true).SelectMany(s => s.Calls).Where(argv => argv[0] is "preview" or "up" or "destroy" or "refresh").ToList();

        Assert.All(operations, argv =>
        {
            var pack = Array.IndexOf(argv, "--policy-pack");
            // The pack guards what the pipeline deploys; the set-up stack is the administrator's own, run with their credentials.
            if (argv[0] is "preview" or "up" && argv[^1] != SetUpFolder)
                Assert.Equal("<repo>/policy", argv[pack + 1]);
            else
                Assert.Equal(-1, pack);
        });
    }

    [Fact]
    public void SetUp_runs_the_set_up_stack_alone_previews_on_a_dry_run_updates_otherwise_and_starts_the_CLI_as_often_as_recorded()
    {
        var runs = new[] { "i1-setup-dry-run-empty.txt", "i2-setup-first.txt", "i3-setup-again.txt" }
            .SelectMany(file => Sections(file, withFolder: true)).ToList();

        Assert.All(runs, run => Assert.Equal("SetUp", run.Target));
        Assert.All(runs, run => Assert.All(run.Calls.Where(argv => argv[0] != "version"), argv => Assert.Equal(SetUpFolder, argv[^1])));
        // Starts: a dry run on an empty backend 5 (the preview still makes the stack: stack init), on an existing one 4; an update
        // 8 on an empty backend, 7 on an existing one (its outputs twice and its summary after the update, as the SDK reads them).
        Assert.Equal([5, 8, 7, 7, 4], runs.Select(run => run.Starts));
        var dryRuns = new[] { runs[0], runs[4] };
        Assert.All(dryRuns, run => Assert.DoesNotContain(run.Calls, argv => argv[0] == "up"));
        Assert.All(dryRuns, run => Assert.Single(run.Calls, argv => argv[0] == "preview"));
        Assert.All(runs.Except(dryRuns), run => Assert.Equal(["up", "--yes", "--skip-preview", "--diff", "--message", "./build.sh SetUp for octo-org/widgets"],
            run.Calls.Single(argv => argv[0] is "up" or "preview").Take(6)));
        Assert.All(runs, run => Assert.Equal("set-all", run.Calls.Single(argv => argv[0] == "config")[1]));
    }

    [Fact]
    public void A_drift_check_sent_exactly_the_argv_the_pipeline_builds_without_yes()
    {
        var refreshes = Sections("e-drift-none.txt").Single().Calls.Where(argv => argv[0] == "refresh").ToList();

        Assert.Equal(2, refreshes.Count);
        var built = PulumiArguments.PreviewOnlyRefresh("dev", "local run").ToArray();
        Assert.All(refreshes, argv => Assert.Equal(built, argv.Take(built.Length)));
        Assert.All(refreshes, argv => Assert.DoesNotContain("--yes", argv));
    }

    [Fact]
    public void An_up_of_existing_stacks_starts_the_CLI_as_often_as_the_README_says()
    {
        var up = Sections("b-up-again.txt").Single();
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

        Assert.Equal("Up", up.Target);
        Assert.Contains($"`Up` of stacks that exist is {up.Starts} CLI starts", readme, StringComparison.Ordinal);
        Assert.Equal(4, up.Calls.Count(argv => argv[0] is "preview" or "up")); // each stack previewed with the pack, then updated
    }
}
