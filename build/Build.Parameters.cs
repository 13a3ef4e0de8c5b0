using AssumeRolePipeline.Pipeline.Composition;
using Nuke.Common;

/// <summary>The parameters, as NUKE reads them (command line, then environment); every default and check is the library's.</summary>
sealed partial class Build
{
    [Parameter("Stack name used for both stacks: a stack of deploy/stacks.yml or a review stack pr-<number>. Default: dev")]
    readonly string? Stack;

    [Parameter("AWS region. Default: AWS_REGION, then AWS_DEFAULT_REGION")]
    readonly string? Region;

    [Parameter("Name of the IAM user create-role makes. Default: assume-role-pipeline-<stack>")]
    readonly string? UnprivilegedUser;

    [Parameter("State backend URL. Default: PULUMI_BACKEND_URL; locally a file backend in .pulumi-state/")]
    readonly string? Backend;

    [Parameter("Seconds to wait for IAM to accept the new key and role (5 to 900). Default: 120")]
    readonly int? ReadinessTimeout;

    [Parameter("External id passed to sts:AssumeRole (optional)")]
    readonly string? ExternalId;

    [Parameter("Session duration of the assumed role, e.g. 1h (optional, 15m to 12h)")]
    readonly string? SessionDuration;

    [Parameter("Destroy create-role even while assume-role still has resources. SetUp: widen an existing environment (open its branches, remove a reviewer)")]
    readonly bool Force;

    [Parameter("Destroy: let assume-role's bucket be deleted with the objects it still holds (updates forceDestroy first)")]
    readonly bool BucketForceDestroy;

    [Parameter("PreviewCreateRole: report assume-role as not previewed (a pull request's unmerged code gets no unprivileged key)")]
    readonly bool SkipAssumeRolePreview;

    [Parameter("HandOff, RemoveHandOff: the GitHub environment that receives the handed-off credentials. Default: aws-unprivileged")]
    readonly string? UnprivilegedEnvironment;

    [Parameter("Folder of the drift report files: written by the drift targets, read by PublishDriftIssues. Default: .nuke/temp/drift-reports")]
    readonly string? DriftReports;

    [Parameter("RotateKey, RotateKeyCreateRole, CheckEnvironments: rotate only a key older than this many days (1 to 3650). Default (or empty): rotate now")]
    readonly string? MaxKeyAge;

    [Parameter("ListReviewStacks, StartReviewSweep, SweepReviewStacks: days a review stack may go without an update (1 to 90). Default: deploy/stacks.yml")]
    readonly int? ReviewTimeToLive;

    [Parameter("DestroyAssumeRole, DestroyCreateRole of a review stack: decide again, right before the destroy, whether the sweep would still destroy it; skip when not")]
    readonly bool ReviewRecheck;
    [Parameter("Up, UpCreateRole, UpAssumeRole: update a deployed stack even when its preview broadens IAM access (after you reviewed it). The workflows pass it")]
    readonly bool AllowIamBroadening;

    [Parameter("SetUp: print what would be created or changed on AWS and GitHub, and change nothing")]
    readonly bool DryRun;

    [Parameter("SetUp, CheckSetUp: the GitHub repository, OWNER/REPO. Default: GITHUB_REPOSITORY")]
    readonly string? Repository;

    [Parameter("CheckEnvironments (the stage's check job): the operation the stage runs")]
    readonly string? Operation;

    [Parameter("CheckEnvironments (the stage's check job): the run is merged code")]
    readonly bool Trusted;

    [Parameter("CheckEnvironments (the stage's check job): skip a stack whose environments do not exist, with a notice")]
    readonly bool Optional;

    [Parameter("CheckEnvironments (the stage's check job): the stack is a pull request's review stack")]
    readonly bool Review;

    BuildParameters Parameters => new()
    {
        Stack = Stack,
        Region = Region,
        UnprivilegedUser = UnprivilegedUser,
        Backend = Backend,
        ReadinessTimeout = ReadinessTimeout,
        ExternalId = ExternalId,
        SessionDuration = SessionDuration,
        Force = Force,
        BucketForceDestroy = BucketForceDestroy,
        SkipAssumeRolePreview = SkipAssumeRolePreview,
        UnprivilegedEnvironment = UnprivilegedEnvironment,
        DriftReports = DriftReports,
        MaxKeyAge = MaxKeyAge,
        ReviewTimeToLive = ReviewTimeToLive,
        ReviewRecheck = ReviewRecheck,
        AllowIamBroadening = AllowIamBroadening,
        DryRun = DryRun,
        Repository = Repository,
        Operation = Operation,
        Trusted = Trusted,
        Optional = Optional,
        Review = Review,
    };
}
