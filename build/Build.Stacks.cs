using AssumeRolePipeline.Pipeline.Composition;
using Nuke.Common;

/// <summary>
/// The stack targets: the whole pipeline for a laptop (Preview, Up, Destroy, Drift, RotateKey, ...) and one target per
/// stage and identity for CI jobs. NUKE runs targets that are not ordered by their definitions in definition order,
/// not in the order typed: the After/Before relations below keep a hand-off after the update it hands off.
/// </summary>
sealed partial class Build
{
    Target Preview => _ => _
        .Description("Previews both stacks, each with its own identity; changes nothing")
        .Executes(() => Run(BuildCommand.Preview));

    Target Up => _ => _
        .Description("Deploys create-role with your AWS credentials, waits for IAM, then assume-role with only the new user's keys")
        .Executes(() => Run(BuildCommand.Up));

    Target Destroy => _ => _
        .Description("Destroys assume-role (with the new user's keys), then create-role; --force skips the safety check")
        .Executes(() => Run(BuildCommand.Destroy));

    Target PreviewCreateRole => _ => _
        .Description("CI, privileged job: previews create-role")
        .Executes(() => Run(BuildCommand.PreviewCreateRole));

    Target UpCreateRole => _ => _
        .Description("CI, privileged job: deploys create-role (run HandOff after it to pass its outputs on)")
        .Executes(() => Run(BuildCommand.UpCreateRole));

    Target DestroyCreateRole => _ => _
        .Description("CI, privileged job: destroys create-role, unless assume-role still has resources (--force)")
        .Executes(() => Run(BuildCommand.DestroyCreateRole));

    Target PreviewAssumeRole => _ => _
        .Description("CI, unprivileged job: previews assume-role with the handed-off credentials")
        .Executes(() => Run(BuildCommand.PreviewAssumeRole));

    Target UpAssumeRole => _ => _
        .Description("CI, unprivileged job: waits for IAM, then deploys assume-role with the handed-off credentials")
        .Executes(() => Run(BuildCommand.UpAssumeRole));

    Target DestroyAssumeRole => _ => _
        .Description("CI, unprivileged job: destroys assume-role with the handed-off credentials")
        .Executes(() => Run(BuildCommand.DestroyAssumeRole));

    Target Verify => _ => _
        .Description("Unprivileged: proves with real AWS calls that the handed-off key alone is refused S3, and reads the bucket through the role")
        .After(UpAssumeRole, RemediateAssumeRole)
        .Executes(() => Run(BuildCommand.Verify));

    Target Drift => _ => _
        .Description("Checks both stacks for drift, each with its own identity (a preview-only refresh; changes nothing). Exit code: 0 no drift, 2 drift found, other: error")
        .Executes(() => Run(BuildCommand.Drift));

    Target Refresh => _ => _
        .Description("Adopts what is in the cloud into both stacks' state (a refresh)")
        .Executes(() => Run(BuildCommand.Refresh));

    Target Remediate => _ => _
        .Description("Brings the cloud back to the program in both stacks (an update with refresh)")
        .Executes(() => Run(BuildCommand.Remediate));

    Target DriftCreateRole => _ => _
        .Description("CI, privileged job: checks create-role for drift (exit code 0 none, 2 drift found)")
        .Executes(() => Run(BuildCommand.DriftCreateRole));

    Target RefreshCreateRole => _ => _
        .Description("CI, privileged job: adopts the cloud into create-role's state")
        .Executes(() => Run(BuildCommand.RefreshCreateRole));

    Target RemediateCreateRole => _ => _
        .Description("CI, privileged job: brings create-role back to the program (run HandOff after it: a re-created key is new)")
        .Executes(() => Run(BuildCommand.RemediateCreateRole));

    Target DriftAssumeRole => _ => _
        .Description("CI, unprivileged job: checks assume-role for drift with the handed-off credentials (exit code 0 none, 2 drift found)")
        .Executes(() => Run(BuildCommand.DriftAssumeRole));

    Target RefreshAssumeRole => _ => _
        .Description("CI, unprivileged job: adopts the cloud into assume-role's state with the handed-off credentials")
        .Executes(() => Run(BuildCommand.RefreshAssumeRole));

    Target RemediateAssumeRole => _ => _
        .Description("CI, unprivileged job: brings assume-role back to the program with the handed-off credentials")
        .Executes(() => Run(BuildCommand.RemediateAssumeRole));

    Target PublishDriftIssues => _ => _
        .Description("CI, issues job: opens, updates or closes one GitHub issue per stack from the drift report files (needs issues: write)")
        .Executes(() => Run(BuildCommand.PublishDriftIssues));

    Target RotateKey => _ => _
        .Description("Replaces the unprivileged user's access key, then waits for IAM, runs Verify and previews assume-role with the new key")
        .Executes(() => Run(BuildCommand.RotateKey));

    Target RotateKeyCreateRole => _ => _
        .Description("CI, privileged job: replaces create-role's access key (run HandOff after it); sets the step output rotated=true|false")
        .Before(HandOff)
        .Executes(() => Run(BuildCommand.RotateKeyCreateRole));

    Target RotateKeyAssumeRole => _ => _
        .Description("CI, unprivileged job: with the handed-off (new) key, waits for IAM, runs Verify and previews assume-role")
        .After(HandOff)
        .Executes(() => Run(BuildCommand.RotateKeyAssumeRole));

    Target HandOff => _ => _
        .Description("CI, privileged job: stores create-role's outputs as secrets of the unprivileged GitHub environment")
        .After(UpCreateRole, RemediateCreateRole)
        .Executes(() => Run(BuildCommand.HandOff));

    Target RemoveHandOff => _ => _
        .Description("CI, privileged job: deletes the handed-off secrets from the unprivileged GitHub environment")
        .After(DestroyCreateRole)
        .Executes(() => Run(BuildCommand.RemoveHandOff));

    Target ListReviewStacks => _ => _
        .Description("Lists the review stacks (pr-<number>) in the state backend with their age and what the sweep would do; changes nothing")
        .Executes(() => Run(BuildCommand.ListReviewStacks));

    Target StartReviewSweep => _ => _
        .Description("CI, the sweep's first job (state credential only): removes the review stacks that are empty from the backend, then sets the step output 'destroy', the stacks to destroy")
        .Executes(() => Run(BuildCommand.StartReviewSweep));

    Target SweepReviewStacks => _ => _
        .Description("Destroys review stacks whose pull request is closed or that outlived their time to live, each pair in the safe order (your credentials)")
        .Executes(() => Run(BuildCommand.SweepReviewStacks));
}
