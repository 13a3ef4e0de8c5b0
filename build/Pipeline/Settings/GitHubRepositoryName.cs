using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Validation;

namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>
/// A GitHub repository as <c>OWNER/REPO</c>, checked before it becomes two segments of a REST path, by the same rule that
/// guards the roles' OIDC subjects (<see cref="SetUpRules.Repository"/>): one repository rule for both halves of the set-up.
/// </summary>
public sealed record GitHubRepositoryName(string Owner, string Name)
{
    public override string ToString() => $"{Owner}/{Name}";

    /// <exception cref="InvalidInputException"><paramref name="value"/> is no repository name.</exception>
    public static GitHubRepositoryName Parse(string? value, string input)
    {
        var checkedValue = InputRules.Require(value, v => SetUpRules.Repository(v, input));
        var slash = checkedValue.IndexOf('/', StringComparison.Ordinal);
        return new GitHubRepositoryName(checkedValue[..slash], checkedValue[(slash + 1)..]);
    }
}
