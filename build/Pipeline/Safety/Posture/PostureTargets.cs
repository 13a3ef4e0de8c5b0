using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Safety.Posture;

/// <summary>The environments <c>deploy/stacks.yml</c> declares, each with its posture rule; and those one stage run uses.</summary>
public static class PostureTargets
{
    /// <summary>The stage's operations (stage.yml's <c>operation</c> input), listed once.</summary>
    public static readonly IReadOnlyList<string> Operations = ["preview", "up", "destroy", "drift", "refresh", "remediate", "rotate"];

    /// <summary>Every declared environment: per stack privileged, unprivileged and preview, then the two review environments.</summary>
    public static IReadOnlyList<PostureTarget> All(StackDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var targets = new List<PostureTarget>();
        foreach (var stack in declaration.Stacks)
        {
            targets.Add(Of(stack, EnvironmentRole.Privileged, stack.PrivilegedEnvironment));
            targets.Add(Of(stack, EnvironmentRole.Unprivileged, stack.UnprivilegedEnvironment));
            if (stack.PreviewEnvironment is { } preview)
                targets.Add(Of(stack, EnvironmentRole.Preview, preview));
        }

        if (declaration.Review is { } review)
        {
            targets.Add(OfReview(review, EnvironmentRole.ReviewPrivileged, review.PrivilegedEnvironment));
            targets.Add(OfReview(review, EnvironmentRole.ReviewUnprivileged, review.UnprivilegedEnvironment));
        }

        return targets;
    }

    /// <summary>
    /// The environments one stage run's jobs will use: a preview of unmerged code the preview environment; of merged code
    /// also the unprivileged one; a review stack's run the two review environments; every other operation the stack's
    /// privileged and unprivileged environments.
    /// </summary>
    /// <exception cref="InvalidInputException">The operation is unknown, the stack undeclared, or a review stack is not one.</exception>
    public static IReadOnlyList<PostureTarget> ForStage(StackDeclaration declaration, string? stackName, string? operation, bool trusted, bool review)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (operation is null || !Operations.Contains(operation, StringComparer.Ordinal))
            throw new InvalidInputException(new InputError("operation (--operation)", operation, $"one of {string.Join(", ", Operations)}"));
        var stack = declaration.Require(stackName);
        var all = All(declaration);
        PostureTarget Find(string environment) => all.First(t => t.Environment == environment);

        if (review || ReviewStackName.Parse(stackName) is not null)
        {
            if (!review || ReviewStackName.Parse(stackName) is null || declaration.Review is null)
            {
                throw new InvalidInputException(new InputError("stack name (--stack)", stackName, review
                    ? "a pull request's review stack pr-<number> (no leading zeros) with --review, and a 'review:' section in " + StackDeclaration.RelativePath
                    : "a declared stack: a review stack pr-<number> runs only with --review (review.yml, review-sweep.yml)"));
            }

            return [Find(declaration.Review.PrivilegedEnvironment), Find(declaration.Review.UnprivilegedEnvironment)];
        }

        if (operation == "preview")
            return trusted ? [Find(stack.PreviewEnvironment!), Find(stack.UnprivilegedEnvironment)] : [Find(stack.PreviewEnvironment!)];
        return [Find(stack.PrivilegedEnvironment), Find(stack.UnprivilegedEnvironment)];
    }

    // A stack's reviewers approve its privileged environment only: on the unprivileged one they would stop assume-role
    // again after the approved create-role, and on the preview one every pull request's preview.
    private static PostureTarget Of(DeclaredStack stack, EnvironmentRole role, string environment) =>
        new(environment, PostureRules.For(role, promoted: stack.PromoteAfter is not null), $"stack {stack.Name}", $"stack {stack.Name}", stack.Name,
            role == EnvironmentRole.Privileged ? stack.Reviewers : [], stack.AcceptedRisks);

    private static PostureTarget OfReview(ReviewStacksDeclaration review, EnvironmentRole role, string environment) =>
        new(environment, PostureRules.For(role), "the review stacks", "review", null, review.Reviewers, review.AcceptedRisks);
}
