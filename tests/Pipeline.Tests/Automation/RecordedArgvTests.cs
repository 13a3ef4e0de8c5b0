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

    private static List<(string Target, int Starts, List<string[]> Calls)> Sections(string file)
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

            sections[^1].Item3.Add(line.Split('\t').Where(field => !field.StartsWith("cwd=", StringComparison.Ordinal)).ToArray());
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
    public void The_policy_pack_reaches_every_preview_and_update_and_no_destroy_refresh_or_drift(string file)
    {
        var operations = Sections(file).SelectMany(s => s.Calls).Where(argv => argv[0] is "preview" or "up" or "destroy" or "refresh").ToList();

        Assert.All(operations, argv =>
        {
            var pack = Array.IndexOf(argv, "--policy-pack");
            if (argv[0] is "preview" or "up")
                Assert.Equal("<repo>/policy", argv[pack + 1]);
            else
                Assert.Equal(-1, pack);
        });
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
