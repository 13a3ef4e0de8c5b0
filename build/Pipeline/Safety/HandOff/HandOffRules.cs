using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Pipeline.Safety.HandOff;

/// <summary>What handed-off credentials must look like before they are written or used.</summary>
internal static class HandOffRules
{
    private const int MinSecretLength = 16;
    private const int MaxSecretLength = 128;

    /// <summary>The first rule the values break, in words that never include the secret; null when all hold.</summary>
    public static string? FindProblem(UnprivilegedCredentials credentials) =>
        InputRules.RoleArn(credentials.RoleArn, HandOffSecretNames.RoleArn)?.Message
        ?? InputRules.AccessKeyId(credentials.AccessKeyId, HandOffSecretNames.AccessKeyId)?.Message
        ?? SecretProblem(credentials.SecretAccessKey);

    // AWS secret keys are 40 characters; the range only rules out what is surely wrong, such as a value
    // pasted with a line break, without guessing AWS's exact format.
    private static string? SecretProblem(string? secret) =>
        string.IsNullOrEmpty(secret) ? $"The {HandOffSecretNames.SecretAccessKey} is missing."
        : secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"The {HandOffSecretNames.SecretAccessKey} is malformed: expected {MinSecretLength} to {MaxSecretLength} " +
              "characters with no spaces or line breaks (its value is not shown)."
            : null;
}
