namespace AssumeRolePipeline.Pipeline.Tests.Automation;

/// <summary>
/// The flag combinations the Pulumi CLI refuses for its update commands, as its <c>updateFlagsToOptions</c>
/// (pkg/cmd/pulumi/operations/io.go) states them; the SDK's command adds <c>--non-interactive</c> to every call.
/// </summary>
static class CliFlagRules
{
    static readonly string[] UpdateCommands = ["preview", "up", "update", "refresh", "destroy", "import"];

    /// <summary>Why the CLI would refuse this argv, or null when it accepts the combination.</summary>
    public static string? Refusal(IReadOnlyList<string> argv)
    {
        var command = argv.FirstOrDefault();
        if (command is null || !UpdateCommands.Contains(command))
            return null;
        bool Has(string flag) => argv.Contains(flag);
        if (Has("--yes") && Has("--preview-only"))
            return "--yes and --preview-only cannot be used together";
        if (Has("--skip-preview") && Has("--preview-only"))
            return "--skip-preview and --preview-only cannot be used together";
        // preview never asks; the others do, and --non-interactive cannot answer.
        if (command != "preview" && !Has("--yes") && !Has("--skip-preview") && !Has("--preview-only"))
            return "--yes or --skip-preview or --preview-only must be passed in to proceed when running in non-interactive mode";
        return null;
    }
}
