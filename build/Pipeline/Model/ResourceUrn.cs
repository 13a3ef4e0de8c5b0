namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>What the pipeline reads from a resource's URN (<c>urn:pulumi:dev::create-role::aws:iam/user:User::unprivileged-user</c>).</summary>
public static class ResourceUrn
{
    /// <summary>The resource's logical name: what follows the URN's last <c>::</c>; null when there is none.</summary>
    public static string? NameOf(string? urn) =>
        urn?.LastIndexOf("::", StringComparison.Ordinal) is { } at and >= 0 ? urn[(at + 2)..] : null;
}
