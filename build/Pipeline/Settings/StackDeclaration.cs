using System.Globalization;
using AssumeRolePipeline.Contracts.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// The stacks the pipeline deploys (<c>deploy/stacks.yml</c>), each with its GitHub environments and the stack
/// it is promoted after. The whole file is checked when it is read, so a typo fails with its line, not with
/// a missing secret in some later job; a stack name or environment given to the build is checked against it.
/// </summary>
public sealed class StackDeclaration
{
    public const string RelativePath = "deploy/stacks.yml";

    private static readonly string[] StackKeys = ["name", "promote-after", "environments", "reviewers", "accept-risk"];
    private static readonly string[] EnvironmentKeys = ["privileged", "unprivileged", "preview"];
    private static readonly string[] ReviewKeys = ["label", "time-to-live-days", "environments", "reviewers", "accept-risk"];

    /// <summary>GitHub's limit of required reviewers per environment.</summary>
    public const int MaxReviewers = 6;
    private static readonly string[] ReviewEnvironmentKeys = ["privileged", "unprivileged"];

    private StackDeclaration(string source, IReadOnlyList<DeclaredStack> stacks, ReviewStacksDeclaration? review)
    {
        Source = source;
        Stacks = stacks;
        Review = review;
    }

    /// <summary>Where the declaration was read from, as its messages name it.</summary>
    public string Source { get; }

    /// <summary>In the order declared, which is the promotion order: a stack comes after the one it is promoted after.</summary>
    public IReadOnlyList<DeclaredStack> Stacks { get; }

    /// <summary>The review stacks (<c>pr-&lt;number&gt;</c>) of pull requests; null when the declaration has no <c>review:</c> section.</summary>
    public ReviewStacksDeclaration? Review { get; }

    /// <exception cref="InvalidInputException">The file cannot be read, or breaks a rule of the declaration.</exception>
    public static StackDeclaration Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new InputError("stack declaration", path, $"a readable file that declares the stacks ({e.Message})"));
        }

        return Parse(text, path);
    }

    /// <param name="source">Where <paramref name="yaml"/> came from, for the messages.</param>
    /// <exception cref="InvalidInputException">The text breaks a rule of the declaration.</exception>
    public static StackDeclaration Parse(string yaml, string source)
    {
        var root = Root(yaml, source);
        if (root is not YamlMappingNode mapping)
            throw Invalid(source, root, "stack declaration", null, "a mapping with the key 'stacks'");
        RejectUnknownKeys(source, mapping, "the stack declaration", ["stacks", "review"]);
        if (Child(mapping, "stacks") is not YamlSequenceNode { Children.Count: > 0 } list)
            throw Invalid(source, Child(mapping, "stacks") ?? root, "'stacks'", null, "a list of at least one stack");

        var stacks = new List<DeclaredStack>();
        foreach (var node in list.Children)
            stacks.Add(ReadStack(source, node, stacks));

        var review = Child(mapping, "review") is { } reviewNode ? ReadReview(source, reviewNode, stacks) : null;
        return new StackDeclaration(source, stacks, review);
    }

    /// <summary>
    /// The declared stack of that name, or the review stack <c>pr-&lt;number&gt;</c> of a pull request when the
    /// declaration has a <c>review:</c> section (its environments are the review stacks').
    /// </summary>
    /// <exception cref="InvalidInputException">No stack of that name is declared, and it is no review stack.</exception>
    public DeclaredStack Require(string? stackName)
    {
        const string input = "stack name (--stack)";
        if (Stacks.FirstOrDefault(s => s.Name == stackName) is { } declared)
            return declared;
        if (!string.IsNullOrEmpty(stackName) && InputRules.StackName(stackName, input) is { } malformed)
            throw new InvalidInputException(malformed);
        if (Review is not null && ReviewStackName.Parse(stackName) is { } review)
            return new DeclaredStack(review.QualifiedStack, Review.PrivilegedEnvironment, Review.UnprivilegedEnvironment, PreviewEnvironment: null, PromoteAfter: null);
        var rule = $"one of the stacks declared in {Source}: {string.Join(", ", Stacks.Select(s => s.Name))}";
        rule += Review is null
            ? ReviewStackName.LooksLikeReviewStack(stackName) ? $" (review stacks need a 'review:' section in {Source})" : ""
            : $", or a pull request's review stack pr-<number> (no leading zeros), optionally as <organisation>/pr-<number>";
        throw new InvalidInputException(new InputError(input, stackName, rule));
    }

    /// <summary>
    /// The environment the stack hands its credentials off to: <paramref name="environment"/> when it is the
    /// declared one (GitHub compares environment names without case), the declared one when none is given.
    /// </summary>
    /// <exception cref="InvalidInputException">The stack is not declared, or declares another environment.</exception>
    public string RequireUnprivilegedEnvironment(string? stackName, string? environment)
    {
        var stack = Require(stackName);
        if (string.IsNullOrEmpty(environment) || string.Equals(environment, stack.UnprivilegedEnvironment, StringComparison.OrdinalIgnoreCase))
            return stack.UnprivilegedEnvironment;
        throw new InvalidInputException(new InputError("unprivileged environment (--unprivileged-environment)", environment,
            $"the one {Source} declares for stack {stack.Name}: {stack.UnprivilegedEnvironment}"));
    }

    private static YamlNode Root(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).TrimEnd('.');
            throw new InvalidInputException(new InputError($"stack declaration ({source}, line {e.Start.Line})", null,
                $"valid YAML: {reason}"));
        }

        return stream.Documents.Count == 1
            ? stream.Documents[0].RootNode
            : throw new InvalidInputException(new InputError($"stack declaration ({source})", null, "one YAML document with the key 'stacks'"));
    }

    private static DeclaredStack ReadStack(string source, YamlNode node, List<DeclaredStack> before)
    {
        if (node is not YamlMappingNode stack)
            throw Invalid(source, node, "entry of 'stacks'", null, "a mapping with name and environments (and optionally promote-after)");

        var name = Scalar(source, stack, "name", "name of a stack") ?? throw Invalid(source, stack, "name of a stack", null, "a stack name");
        InputRules.Require(name, v => InputRules.StackName(v, $"name of a stack ({source}, line {stack.Start.Line})"));
        if (before.Any(s => s.Name == name))
            throw Invalid(source, stack, "name of a stack", name, "a name no other stack has");
        if (ReviewStackName.LooksLikeReviewStack(name))
            throw Invalid(source, stack, "name of a stack", name, $"a name not starting with '{ReviewStackName.Prefix}': that prefix is the review stacks'");
        RejectUnknownKeys(source, stack, $"stack {name}", StackKeys);

        var promoteAfter = Scalar(source, stack, "promote-after", $"promote-after of stack {name}");
        if (promoteAfter is not null && before.All(s => s.Name != promoteAfter))
        {
            throw Invalid(source, Child(stack, "promote-after")!, $"promote-after of stack {name}", promoteAfter,
                before.Count == 0
                    ? "the name of a stack declared above this one, and there is none"
                    : $"the name of a stack declared above this one: {string.Join(", ", before.Select(s => s.Name))}");
        }

        if (Child(stack, "environments") is not YamlMappingNode environments)
            throw Invalid(source, Child(stack, "environments") ?? stack, $"environments of stack {name}", null, $"a mapping of {string.Join(", ", EnvironmentKeys)}");
        RejectUnknownKeys(source, environments, $"environments of stack {name}", EnvironmentKeys);
        var taken = before.SelectMany(s => new[] { s.PrivilegedEnvironment, s.UnprivilegedEnvironment, s.PreviewEnvironment }).OfType<string>().ToList();
        const string alone = "an environment of this stack alone: a stack sharing an environment could read another's keys, " +
                             "and a preview environment shared with a deploy environment would open it to every branch";
        string Environment(string key) => ReadEnvironment(source, environments, key, $"environments.{key} of stack {name}", taken, alone);

        return new DeclaredStack(name, Environment("privileged"), Environment("unprivileged"), Environment("preview"), promoteAfter)
        {
            Reviewers = ReadReviewers(source, stack, $"reviewers of stack {name}"),
            AcceptedRisks = ReadAcceptedRisks(source, stack, $"accept-risk of stack {name}"),
        };
    }

    private static ReviewStacksDeclaration ReadReview(string source, YamlNode node, List<DeclaredStack> stacks)
    {
        if (node is not YamlMappingNode review)
            throw Invalid(source, node, "'review'", null, $"a mapping of {string.Join(", ", ReviewKeys)}");
        RejectUnknownKeys(source, review, "review", ReviewKeys);

        var label = Scalar(source, review, "label", "review.label") ?? ReviewStacksDeclaration.DefaultLabel;
        if (label.Length is 0 or > ReviewStacksDeclaration.MaxLabelLength || label.Any(char.IsControl))
            throw Invalid(source, Child(review, "label")!, "review.label", label, $"a GitHub label: 1 to {ReviewStacksDeclaration.MaxLabelLength} characters");

        var days = ReviewStacksDeclaration.DefaultTimeToLiveDays;
        if (Scalar(source, review, "time-to-live-days", "review.time-to-live-days") is { } ttl &&
            (!int.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > ReviewStacksDeclaration.MaxTimeToLiveDays))
        {
            throw Invalid(source, Child(review, "time-to-live-days")!, "review.time-to-live-days", ttl,
                $"a whole number of days from 1 to {ReviewStacksDeclaration.MaxTimeToLiveDays}");
        }

        if (Child(review, "environments") is not YamlMappingNode environments)
            throw Invalid(source, Child(review, "environments") ?? review, "review.environments", null, "a mapping of privileged, unprivileged");
        RejectUnknownKeys(source, environments, "review.environments", ReviewEnvironmentKeys);
        var taken = stacks.SelectMany(s => new[] { s.PrivilegedEnvironment, s.UnprivilegedEnvironment, s.PreviewEnvironment }).OfType<string>().ToList();
        const string alone = "an environment of the review stacks alone: they run unmerged code, which must never reach another stack's " +
                             "credentials, and their privileged and unprivileged identities stay apart";
        string Environment(string key) => ReadEnvironment(source, environments, key, $"review.environments.{key}", taken, alone);

        return new ReviewStacksDeclaration(label, TimeSpan.FromDays(days), Environment("privileged"), Environment("unprivileged"))
        {
            Reviewers = ReadReviewers(source, review, "review.reviewers"),
            AcceptedRisks = ReadAcceptedRisks(source, review, "review.accept-risk"),
        };
    }

    /// <summary>One environment's name, checked and not among <paramref name="taken"/> (to which it is added).</summary>
    private static string ReadEnvironment(string source, YamlMappingNode environments, string key, string what, List<string> taken, string aloneRule)
    {
        if (Scalar(source, environments, key, what) is not { Length: > 0 } value)
            throw Invalid(source, environments, what, null, "the name of a GitHub environment");
        if (InputRules.GitHubEnvironmentName(value, what) is { } error)
            throw Invalid(source, Child(environments, key)!, what, value, error.Rule);
        if (taken.Contains(value, StringComparer.OrdinalIgnoreCase))
            throw Invalid(source, Child(environments, key)!, what, value, aloneRule);
        taken.Add(value);
        return value;
    }

    /// <summary><c>reviewers:</c>, a list of GitHub logins and <c>org/team-slug</c>s; empty when the key is absent.</summary>
    private static IReadOnlyList<GitHubReviewer> ReadReviewers(string source, YamlMappingNode mapping, string what)
    {
        if (Child(mapping, "reviewers") is not { } node)
            return [];
        if (node is not YamlSequenceNode { Children.Count: > 0 and <= MaxReviewers } list)
            throw Invalid(source, node, what, null, $"a list of 1 to {MaxReviewers} reviewers (GitHub's limit), each {GitHubReviewer.Rule}");
        var reviewers = new List<GitHubReviewer>();
        foreach (var item in list.Children)
        {
            var text = (item as YamlScalarNode)?.Value?.Trim();
            var reviewer = GitHubReviewer.Parse(text) ?? throw Invalid(source, item, $"entry of {what}", text, GitHubReviewer.Rule);
            if (reviewers.Any(r => string.Equals(r.ToString(), reviewer.ToString(), StringComparison.OrdinalIgnoreCase)))
                throw Invalid(source, item, $"entry of {what}", text, "a reviewer not already listed (GitHub names are not case sensitive)");
            reviewers.Add(reviewer);
        }

        return reviewers;
    }

    /// <summary><c>accept-risk:</c>, a mapping of an acceptable rule's id to the reason; empty when the key is absent.</summary>
    private static IReadOnlyList<AcceptedRisk> ReadAcceptedRisks(string source, YamlMappingNode mapping, string what)
    {
        if (Child(mapping, "accept-risk") is not { } node)
            return [];
        var rules = string.Join(", ", AcceptedRisk.AcceptableRules);
        if (node is not YamlMappingNode { Children.Count: > 0 } risks)
            throw Invalid(source, node, what, null, $"a mapping of a rule ({rules}) to the reason you accept going without it");
        RejectUnknownKeys(source, risks, what, [.. AcceptedRisk.AcceptableRules]);
        return [.. risks.Children.Select(pair =>
        {
            var rule = ((YamlScalarNode)pair.Key).Value!;
            return Scalar(source, risks, rule, $"{what}.{rule}") is { Length: > 0 } reason && !reason.Any(char.IsControl)
                ? new AcceptedRisk(rule, reason)
                : throw Invalid(source, pair.Value, $"{what}.{rule}", null, "the reason, on one line: every run prints it with its warning");
        })];
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The trimmed text of a scalar value; null when the key is absent.</summary>
    private static string? Scalar(string source, YamlMappingNode mapping, string key, string what) => Child(mapping, key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value?.Trim(),
        var other => throw Invalid(source, other, what, null, "a single value, not a list or mapping"),
    };

    private static void RejectUnknownKeys(string source, YamlMappingNode mapping, string where, string[] known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var text = (key as YamlScalarNode)?.Value;
            if (text is null || !known.Contains(text, StringComparer.Ordinal))
                throw Invalid(source, key, $"key in {where}", text, $"one of {string.Join(", ", known)}");
        }
    }

    private static InvalidInputException Invalid(string source, YamlNode node, string what, string? value, string rule) =>
        new(new InputError($"{what} ({source}, line {node.Start.Line})", value, rule));
}
