namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>One row of the proof: the claim, the calls and answers behind it (already masked), and the verdict.</summary>
/// <param name="Claim">The claim in a few words, e.g. "The key alone cannot list buckets".</param>
/// <param name="Evidence">The call made and what AWS answered; for <see cref="ClaimResult.CannotCheck"/> why it says nothing.</param>
public sealed record CheckedClaim(string Claim, string Evidence, ClaimResult Result);
