using System.Globalization;
using System.Text.RegularExpressions;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary><c>--max-key-age DAYS</c>: rotate only a key older than that. Checked before anything is called.</summary>
public static partial class MaxKeyAge
{
    private const string Input = "maximum key age (--max-key-age)";

    public const int MinDays = 1;
    public const int MaxDays = 3650;

    /// <returns>The age past which a key is rotated; null (rotate now) when none is given.</returns>
    /// <exception cref="InvalidInputException">The number of days is outside 1–3650.</exception>
    public static TimeSpan? Parse(int? days) => days switch
    {
        null => null,
        >= MinDays and <= MaxDays => TimeSpan.FromDays(days.Value),
        _ => throw new InvalidInputException(new InputError(Input, $"{days}", $"a whole number of days from {MinDays} to {MaxDays}")),
    };

    /// <summary>
    /// The parameter as given (the stage passes its input through): empty or absent rotates now, else a whole number of days
    /// written plainly (<c>30</c>, not <c>030</c>, <c>+30</c> or <c>30 days</c>) from 1 to 3650. The stage's check job runs
    /// this same rule (CheckEnvironments), before any job waits for an approval.
    /// </summary>
    /// <exception cref="InvalidInputException">Anything else.</exception>
    public static TimeSpan? FromParameter(string? days)
    {
        if (string.IsNullOrEmpty(days))
            return null;
        return DaysPattern().IsMatch(days) && int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number <= MaxDays
            ? TimeSpan.FromDays(number)
            : throw new InvalidInputException(new InputError(Input, days, Rule));
    }

    private static readonly string Rule = $"a whole number of days from {MinDays} to {MaxDays}, or empty to rotate now";

    [GeneratedRegex(@"^[1-9][0-9]{0,3}\z")]
    private static partial Regex DaysPattern();
}
