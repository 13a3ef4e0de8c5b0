using System.Collections.Immutable;
using Pulumi;

namespace AssumeRolePipeline.Stacks.SetUp;

/// <summary>The options of an account-wide resource the set-up may find already there: GitHub's OIDC provider and the boundaries.</summary>
public static class AdoptionOptions
{
    /// <summary>
    /// Adopt when <paramref name="importId"/> is an ARN (the build found the resource and passes it), create when it is empty
    /// (the SDK sends a null import id as "" anyway, and the engine imports only for a non-empty one; once the resource is in
    /// the state with that id, the same id is no import). Never deleted by a destroy of the set-up: other stacks, other
    /// repositories and hand-made roles may rely on it. <paramref name="ignoredChanges"/> are what an adopted one may differ
    /// in, so that its import does not fail on them and no update ever changes them.
    /// </summary>
    public static CustomResourceOptions For(string? importId, ImmutableArray<string> ignoredChanges) => new()
    {
        ImportId = importId,
        RetainOnDelete = true,
        IgnoreChanges = [.. ignoredChanges],
    };
}
