using System.Collections.Immutable;

namespace AssumeRolePipeline.Pipeline.Operations.Verification;

/// <summary>
/// What Verify proved for one stack pair: a row per claim, in the order checked. The claim is proven only
/// when every row holds; a false claim and a claim that could not be checked each fail the target.
/// </summary>
public sealed record VerificationReport(VerificationTarget Target, ImmutableArray<CheckedClaim> Claims)
{
    /// <summary>Every claim holds (and there were claims to check: nothing checked proves nothing).</summary>
    public bool Proven => !Claims.IsDefaultOrEmpty && Claims.All(c => c.Result == ClaimResult.Holds);

    public ImmutableArray<CheckedClaim> FalseClaims => [.. Claims.Where(c => c.Result == ClaimResult.Fails)];

    public ImmutableArray<CheckedClaim> UncheckedClaims => [.. Claims.Where(c => c.Result == ClaimResult.CannotCheck)];

    /// <summary>Why the target fails, naming each false or unchecked claim; null when every claim holds.</summary>
    public string? Failure
    {
        get
        {
            if (Proven)
                return null;
            if (Claims.IsDefaultOrEmpty)
                return $"Least privilege of {Target.Stack} is not proven: no claim was checked.";
            var parts = new List<string>();
            if (!FalseClaims.IsEmpty)
                parts.Add($"false: {Join(FalseClaims)}");
            if (!UncheckedClaims.IsEmpty)
                parts.Add($"could not be checked: {Join(UncheckedClaims)}");
            return $"Least privilege of {Target.Stack} is not proven; {string.Join("; ", parts)}.";
        }
    }

    private static string Join(IEnumerable<CheckedClaim> claims) =>
        string.Join("; ", claims.Select(c => $"'{c.Claim}' ({c.Evidence})"));
}
