namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>
/// What deploy/iam's placeholders are filled with. <see cref="Environment"/> is needed by the trust templates only,
/// <see cref="Stack"/> by the deploy and preview policies only; each is checked (<see cref="SetUpRules"/>) before use.
/// </summary>
/// <param name="AccountId"><c>${AccountId}</c>: 12 digits.</param>
/// <param name="Partition"><c>${Partition}</c>: aws, aws-cn or aws-us-gov.</param>
/// <param name="Repository"><c>${Repository}</c>: OWNER/REPO.</param>
/// <param name="Environment"><c>${Environment}</c>: the GitHub environment a role trusts.</param>
/// <param name="Stack"><c>${Stack}</c>: the declared stack a role serves.</param>
public sealed record TemplateValues(string AccountId, string Partition, string Repository, string? Environment = null, string? Stack = null);
