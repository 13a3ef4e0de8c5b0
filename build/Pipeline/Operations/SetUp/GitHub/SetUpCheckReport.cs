namespace AssumeRolePipeline.Pipeline.Operations.SetUp.GitHub;

/// <summary>What <c>CheckSetUp</c> found: the differences (each fails it), the accepted risks and the notes (neither does).</summary>
public sealed record SetUpCheckReport(IReadOnlyList<string> Problems, IReadOnlyList<string> AcceptedRisks, IReadOnlyList<string> Notes);
