using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary><c>--max-key-age DAYS</c>: rotate only a key older than that. Checked before anything is called.</summary>
public static class MaxKeyAge
{
    public const int MinDays = 1;
    public const int MaxDays = 3650;

    /// <returns>The age past which a key is rotated; null (rotate now) when none is given.</returns>
    /// <exception cref="InvalidInputException">The number of days is outside 1–3650.</exception>
    public static TimeSpan? Parse(int? days) => days switch
    {
        null => null,
        >= MinDays and <= MaxDays => TimeSpan.FromDays(days.Value),
        _ => throw new InvalidInputException(new InputError("maximum key age (--max-key-age)", $"{days}",
            $"a whole number of days from {MinDays} to {MaxDays}")),
    };
}
