using System.Text.RegularExpressions;

namespace AssumeRolePipeline.Pipeline.Publishing.Workflows;

/// <summary>
/// The job ids of each declared stack's jobs in the caller workflows: its stage call and its drift issues job
/// (<c>issues-&lt;id&gt;</c>). A stack name that is already a job id GitHub accepts (a letter first, then letters, digits,
/// <c>-</c> and <c>_</c>) is its own id, as <c>dev</c> and <c>prod</c> are; any other stack name allowed in
/// deploy/stacks.yml (<c>org/dev</c>, <c>1.0</c>, <c>true</c>) gets one made of it (<c>org_dev</c>, <c>stack-1_0</c>,
/// <c>stack-true</c>). GitHub compares job ids without case, so ids that would clash (with each other, with an issues
/// job or with <see cref="NoSecretsNoticeJob"/>) are numbered (<c>-2</c>, <c>-3</c>) in the declared order: the same
/// declaration always gives the same ids.
/// </summary>
public sealed partial class CallerJobIds
{
    /// <summary>preview.yml's job for pull requests that get no secrets.</summary>
    public const string NoSecretsNoticeJob = "no-secrets-notice";

    public const string IssuesJobPrefix = "issues-";

    private readonly Dictionary<string, string> _callers;

    private CallerJobIds(Dictionary<string, string> callers) => _callers = callers;

    /// <param name="stackNames">The declared stacks' names, in the declared order (which decides who keeps an id that clashes).</param>
    public static CallerJobIds For(IEnumerable<string> stackNames)
    {
        ArgumentNullException.ThrowIfNull(stackNames);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { NoSecretsNoticeJob };
        var callers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in stackNames)
        {
            var candidate = Candidate(name);
            var id = candidate;
            for (var n = 2; taken.Contains(id) || taken.Contains(IssuesJobPrefix + id); n++)
                id = $"{candidate}-{n}";
            taken.Add(id);
            taken.Add(IssuesJobPrefix + id);
            callers.Add(name, id);
        }

        return new CallerJobIds(callers);
    }

    /// <summary>The id of the stack's stage call in every caller workflow.</summary>
    public string Caller(string stackName) => _callers[stackName];

    /// <summary>The id of the stack's drift issues job in drift.yml.</summary>
    public string Issues(string stackName) => IssuesJobPrefix + Caller(stackName);

    /// <summary>Whether GitHub accepts <paramref name="id"/> as a job id.</summary>
    public static bool IsValidJobId(string id) => JobIdPattern().IsMatch(id);

    private static string Candidate(string stackName)
    {
        var id = NotInJobId().Replace(stackName, "_");
        // A leading '_' is allowed, but 'stack-' reads better; a YAML keyword as a key or a needs: value would not read as a name.
        return char.IsAsciiLetter(id[0]) && !WorkflowText.IsYamlKeyword(id) ? id : "stack-" + id;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotInJobId();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*\\z")]
    private static partial Regex JobIdPattern();
}
