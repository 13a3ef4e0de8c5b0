namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>What the set-up needs of the repository itself.</summary>
/// <param name="Visibility"><c>public</c>, <c>private</c> or <c>internal</c>.</param>
public sealed record RepositoryFacts(string DefaultBranch, bool Private, string Visibility);
