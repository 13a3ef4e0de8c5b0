using AssumeRolePipeline.Pipeline.Publishing.Workflows;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Workflows;

/// <summary>
/// A repository's workflows with the stack declaration they were made for: the committed ones, or the caller workflows
/// generated for another declaration into a folder of their own beside copies of everything they use (the stage, the
/// review workflows, ci.yml, the composite actions). The caller tests run against each set, so "add a stack to
/// deploy/stacks.yml and generate" is held to the same rules as the committed workflows.
/// </summary>
internal sealed class WorkflowSet
{
    public const string CommittedName = "committed";
    public const string ThreeStacksName = "three-stacks";
    public const string UnusualNamesName = "unusual-names";

    private static readonly Lazy<WorkflowSet> CommittedSet = new(() =>
        new WorkflowSet(CommittedName, RepositoryRoot.Path, StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath))));

    private static readonly Lazy<WorkflowSet> ThreeStacksSet = new(() => Generate(ThreeStacksName, ThreeStacksDeclaration));

    private static readonly Lazy<WorkflowSet> UnusualNamesSet = new(() => Generate(UnusualNamesName, UnusualNamesDeclaration));

    private WorkflowSet(string name, string root, StackDeclaration declaration)
    {
        Name = name;
        Root = root;
        Declaration = declaration;
    }

    /// <summary>For a theory over every set: its name (a test case's name says which set failed).</summary>
    public static TheoryData<string> All => [.. Names];

    private static readonly string[] Names = [CommittedName, ThreeStacksName, UnusualNamesName];

    /// <summary>For a theory over every caller workflow of every set: the set's name and the file's.</summary>
    public static TheoryData<string, string> CallersOfAll => Cases(Workflow.Callers);

    /// <summary>As <see cref="CallersOfAll"/>, the workflows that run the stacks in promotion order: deploy and rotate.</summary>
    public static TheoryData<string, string> PromotingCallersOfAll => Cases(["deploy.yml", "rotate.yml"]);

    private static TheoryData<string, string> Cases(IReadOnlyList<string> files)
    {
        var data = new TheoryData<string, string>();
        foreach (var set in Names)
        {
            foreach (var file in files)
                data.Add(set, file);
        }

        return data;
    }

    /// <summary>The sets generated for another declaration than the committed one.</summary>
    public static TheoryData<string> Generated => [ThreeStacksName, UnusualNamesName];

    /// <summary>dev, then staging after dev, then prod after staging: the stack added in the middle of the promotion chain.</summary>
    public const string ThreeStacksDeclaration = """
        stacks:
          - name: dev
            environments:
              privileged: aws-privileged
              unprivileged: aws-unprivileged
              preview: aws-preview
          - name: staging
            promote-after: dev
            environments:
              privileged: aws-staging-privileged
              unprivileged: aws-staging-unprivileged
              preview: aws-staging-preview
          - name: prod
            promote-after: staging
            environments:
              privileged: aws-prod-privileged
              unprivileged: aws-prod-unprivileged
              preview: aws-prod-preview

        review:
          label: review-stack
          time-to-live-days: 3
          environments:
            privileged: aws-review-privileged
            unprivileged: aws-review-unprivileged
        """;

    /// <summary>
    /// Names deploy/stacks.yml allows that are no job id, or not as they stand (a number, a YAML keyword, a qualified name,
    /// one clashing with an issues job or the preview's notice job, two that read the same once made ids), and
    /// environments a plain YAML scalar would not carry (a space, a quote, '#', ': '). Two roots and a fork in the promotions.
    /// </summary>
    public const string UnusualNamesDeclaration = """
        stacks:
          - name: dev
            environments:
              privileged: aws-privileged
              unprivileged: aws-unprivileged
              preview: aws-preview
          - name: issues-dev
            promote-after: dev
            environments:
              privileged: "issues dev: privileged"
              unprivileged: "it's unprivileged"
              preview: "preview #2"
          - name: "2.0"
            promote-after: issues-dev
            environments:
              privileged: "2.0"
              unprivileged: "true"
              preview: "@preview"
          - name: "true"
            promote-after: dev
            environments:
              privileged: true-privileged
              unprivileged: true-unprivileged
              preview: true-preview
          - name: org/qa
            environments:
              privileged: qa-privileged
              unprivileged: qa-unprivileged
              preview: qa-preview
          - name: org_qa
            promote-after: org/qa
            environments:
              privileged: qa2-privileged
              unprivileged: qa2-unprivileged
              preview: qa2-preview
          - name: no-secrets-notice
            promote-after: dev
            environments:
              privileged: n-privileged
              unprivileged: n-unprivileged
              preview: n-preview
        """;

    public string Name { get; }

    /// <summary>The repository root the set's .github folder is in.</summary>
    public string Root { get; }

    public StackDeclaration Declaration { get; }

    public static WorkflowSet Named(string name) => name switch
    {
        CommittedName => CommittedSet.Value,
        ThreeStacksName => ThreeStacksSet.Value,
        UnusualNamesName => UnusualNamesSet.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such workflow set"),
    };

    public Workflow Load(string fileName) => Workflow.Load(Root, fileName);

    /// <summary>Every workflow file of the set, not a list: a new workflow is held to the rules too.</summary>
    public IReadOnlyList<Workflow> AllWorkflows =>
        [.. Directory.GetFiles(Path.Combine(Root, ".github", "workflows"))
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).Select(Load)];

    public override string ToString() => Name;

    /// <summary>
    /// A repository of its own under the test binaries (made again on each run): the declaration, the caller workflows generated
    /// for it, and copies of every other workflow and of the composite actions, as the generator finds them in a checkout.
    /// </summary>
    private static WorkflowSet Generate(string name, string declarationText)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "generated-workflows", name);
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
        var workflows = Directory.CreateDirectory(Path.Combine(root, ".github", "workflows")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows")))
        {
            if (!CallerWorkflows.FileNames.Contains(Path.GetFileName(file)))
                File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
        }

        CopyDirectory(Path.Combine(RepositoryRoot.Path, ".github", "actions"), Path.Combine(root, ".github", "actions"));
        var declarationPath = Path.Combine(root, StackDeclaration.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(declarationPath)!);
        File.WriteAllText(declarationPath, declarationText);

        var declaration = StackDeclaration.Load(declarationPath);
        foreach (var workflow in CallerWorkflows.Generate(declaration))
            File.WriteAllText(Path.Combine(workflows, workflow.FileName), workflow.Text);
        return new WorkflowSet(name, root, declaration);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
