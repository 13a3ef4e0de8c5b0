using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Tests.Repository;

/// <summary>
/// The code that touches NUKE's and Pulumi's types (build/*.cs, build/Automation) is compiled only where those packages
/// restore, so here it is read, not run: it stays declarations, small enough that reading it is enough.
/// </summary>
public sealed partial class BlindLayerTests
{
    private static readonly string Build = Path.Combine(RepositoryRoot.Path, "build");

    private static IEnumerable<string> BlindFiles() =>
        Directory.EnumerateFiles(Build, "*.cs").Concat(Directory.EnumerateFiles(Path.Combine(Build, "Automation"), "*.cs"));

    [Fact]
    public void The_blind_layer_stays_under_500_lines()
    {
        var lines = BlindFiles().Sum(f => File.ReadAllLines(f).Length);

        // 462 with the set-up and workflow targets (issue 18); 490 leaves room for a target or two, not for logic.
        Assert.InRange(lines, 1, 490);
    }

    [Fact]
    public void The_blind_layer_makes_no_decision_and_runs_no_loop()
    {
        var found = BlindFiles()
            .SelectMany(f => Code(File.ReadAllText(f)).Split('\n').Select((line, i) => (File: Path.GetRelativePath(Build, f), Line: i + 1, Text: line)))
            .Where(l => Decision().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "decisions or loops in the blind layer (move them into build/Pipeline):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_blind_layer_passes_the_runs_cancellation_never_none()
    {
        Assert.DoesNotContain(BlindFiles(), f => File.ReadAllText(f).Contains("CancellationToken.None", StringComparison.Ordinal));
    }

    [Fact]
    public void No_target_action_assigns_to_the_target_lambdas_parameter()
    {
        // In `Target X => _ => _ ... .Executes(() => { _ = Foo(); })` the `_` is the ITargetDefinition, not a discard (CS0029).
        Assert.DoesNotContain(Directory.EnumerateFiles(Build, "*.cs"), f => DiscardAssignment().IsMatch(Code(File.ReadAllText(f))));
    }

    [Theory]
    [InlineData("        .Executes(() => { _ = Guarded(() => Declaration.Require(Stack)); });", true)]
    [InlineData("        .Executes(() => Run(BuildCommand.Up));", false)]
    [InlineData("    Target Up => _ => _", false)]
    public void The_discard_check_finds_an_assignment_to_the_target_parameter(string line, bool assigns) =>
        Assert.Equal(assigns, DiscardAssignment().IsMatch(Code(line)));

    [Theory]
    [InlineData("        if (settings is null)", true)]
    [InlineData("        var x = a ?? b;", true)]
    [InlineData("        return ok ? 1 : 2;", true)]
    [InlineData("        foreach (var s in stacks)", true)]
    [InlineData("        } while (more);", true)]
    [InlineData("        return kind switch", true)]
    [InlineData("    readonly string? Stack;", false)]
    [InlineData("        events.Step(step?.Op.ToString(), step?.Urn);", false)]
    [InlineData("        .Description(\"Destroys it; if it holds objects, while it can\")", false)]
    public void The_decision_check_tells_a_decision_from_a_declaration(string line, bool isDecision) =>
        Assert.Equal(isDecision, Decision().IsMatch(Code(line)));

    /// <summary>The code without comments and string literals, whose words ("if", "while") are not code.</summary>
    private static string Code(string source) => Literal().Replace(Comment().Replace(source, ""), "\"\"");

    [GeneratedRegex(@"\b(if|for|foreach|while|do|switch)\b\s*[\({]?|\?\?|\s\?\s[^:;]*\s:\s")]
    private static partial Regex Decision();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?\$?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"=>\s*\{[^}]*\b_\s*=[^=>]")]
    private static partial Regex DiscardAssignment();
}
