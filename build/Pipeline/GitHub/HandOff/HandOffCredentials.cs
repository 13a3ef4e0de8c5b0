using System.Text;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.GitHub.HandOff;

/// <summary>What create-role gives assume-role: the role to assume and the keys of the only user allowed to.</summary>
/// <remarks>Printing it (ToString, a debugger, string interpolation) never shows <see cref="SecretAccessKey"/>.</remarks>
public sealed record HandOffCredentials(string RoleArn, string AccessKeyId, string SecretAccessKey)
{
    private const int MinSecretLength = 16;
    private const int MaxSecretLength = 128;

    /// <summary>The first rule the values break, in words that never include the secret; null when all hold.</summary>
    internal string? FindProblem() =>
        InputRules.RoleArn(RoleArn, HandOffSecretNames.RoleArn)?.Message
        ?? InputRules.AccessKeyId(AccessKeyId, HandOffSecretNames.AccessKeyId)?.Message
        ?? SecretProblem(SecretAccessKey);

    // AWS secret keys are 40 characters; the range only rules out what is surely wrong, such as a value
    // pasted with a line break, without guessing AWS's exact format.
    private static string? SecretProblem(string? secret) =>
        string.IsNullOrEmpty(secret) ? $"The {HandOffSecretNames.SecretAccessKey} is missing."
        : secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"The {HandOffSecretNames.SecretAccessKey} is malformed: expected {MinSecretLength} to {MaxSecretLength} " +
              "characters with no spaces or line breaks (its value is not shown)."
            : null;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RoleArn = ").Append(RoleArn)
            .Append(", AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = ***");
        return true;
    }
}
