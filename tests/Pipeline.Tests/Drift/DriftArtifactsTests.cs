using System.Text.RegularExpressions;
using AssumeRolePipeline.Pipeline.Publishing.Drift;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

/// <summary>
/// A stack's drift issues job downloads its own stack's reports and no other's, and every stack name the declaration
/// allows gives artifact names GitHub accepts.
/// </summary>
public sealed class DriftArtifactsTests
{
    private static readonly string[] Stacks = ["dev", "dev-eu", "prod", "prod.eu", "org/dev", "org", "org/project/dev", "pr-12", "pr-1"];

    // upload-artifact refuses these in a name.
    private static readonly char[] Refused = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];

    [Fact]
    public void Each_stacks_pattern_takes_its_own_two_artifacts_and_no_other_stacks()
    {
        foreach (var stack in Stacks)
        {
            foreach (var other in Stacks)
            {
                foreach (var project in new[] { "create-role", "assume-role" })
                {
                    var name = $"{DriftArtifacts.Prefix(other)}+{project}";
                    Assert.Equal(stack == other, Glob(DriftArtifacts.Pattern(stack)).IsMatch(name));
                }
            }
        }
    }

    [Fact]
    public void Every_artifact_name_is_one_GitHub_accepts_and_names_its_stack()
    {
        Assert.All(Stacks, stack => Assert.Equal(-1, $"{DriftArtifacts.Prefix(stack)}+create-role".IndexOfAny(Refused)));
        Assert.Equal("drift-reports+org~dev", DriftArtifacts.Prefix("org/dev"));
        Assert.Equal("drift-reports+dev+*", DriftArtifacts.Pattern("dev"));
    }

    /// <summary>download-artifact's pattern: <c>*</c> stands for any run of characters but <c>/</c>.</summary>
    private static Regex Glob(string pattern) => new("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + @"\z");
}
