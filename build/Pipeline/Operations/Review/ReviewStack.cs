using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>
/// One pull request's pair as the state backend lists it: its create-role and assume-role stacks (either may be
/// missing, e.g. after a failed first deploy or a half-finished removal).
/// </summary>
public sealed record ReviewStack(ReviewStackName Name, ListedStack? CreateRole, ListedStack? AssumeRole)
{
    /// <summary>The later of the two stacks' last updates; null when neither ever ran an operation.</summary>
    public DateTimeOffset? LastUpdate => new[] { CreateRole?.LastUpdate, AssumeRole?.LastUpdate }.Max();

    /// <summary>Resources of both stacks; null when the backend does not say for one of them (then it counts as not empty).</summary>
    public int? ResourceCount =>
        CreateRole is { ResourceCount: null } || AssumeRole is { ResourceCount: null }
            ? null
            : (CreateRole?.ResourceCount ?? 0) + (AssumeRole?.ResourceCount ?? 0);

    public bool IsEmpty => ResourceCount == 0;

    public bool UpdateInProgress => CreateRole?.UpdateInProgress == true || AssumeRole?.UpdateInProgress == true;

    /// <summary>How long ago the pair was last updated; null when it never was.</summary>
    public TimeSpan? Age(DateTimeOffset now) => now - LastUpdate;

    /// <summary>
    /// The review stacks among both projects' stacks (<c>pr-&lt;number&gt;</c> or <c>org/pr-&lt;number&gt;</c>, canonical
    /// names only), paired by their qualified name, in pull request order. Every other stack (dev, prod, anything else)
    /// is left out. On Pulumi Cloud the listing may hold several organisations' <c>pr-12</c>: each is a pair of its own,
    /// named with its organisation, so no step takes one organisation's stack for another's.
    /// </summary>
    public static ImmutableArray<ReviewStack> Pair(IEnumerable<ListedStack> createRole, IEnumerable<ListedStack> assumeRole)
    {
        ArgumentNullException.ThrowIfNull(createRole);
        ArgumentNullException.ThrowIfNull(assumeRole);
        static Dictionary<ReviewStackName, ListedStack> ByName(IEnumerable<ListedStack> stacks) =>
            stacks.Select(s => (Review: ReviewStackName.Parse(s.Name), Stack: s))
                .Where(x => x.Review is not null)
                .GroupBy(x => x.Review!)
                .ToDictionary(g => g.Key, g => g.First().Stack);

        var created = ByName(createRole);
        var assumed = ByName(assumeRole);
        return [.. created.Keys.Union(assumed.Keys)
            .OrderBy(n => n.PullRequest).ThenBy(n => n.Organisation, StringComparer.Ordinal)
            .Select(n => new ReviewStack(n, created.GetValueOrDefault(n), assumed.GetValueOrDefault(n)))];
    }
}
