using System.Collections.Immutable;

namespace AssumeRolePipeline.Contracts.Stacks;

/// <summary>The tags every resource of both stacks carries, so a reader of the AWS console knows who owns it.</summary>
public static class ResourceTags
{
    public const string ManagedBy = "assume-role-pipeline";

    public static ImmutableDictionary<string, string> For(string project, string stack) =>
        ImmutableDictionary<string, string>.Empty
            .Add("Project", project)
            .Add("Stack", stack)
            .Add("ManagedBy", ManagedBy);
}
