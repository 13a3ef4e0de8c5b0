using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Stacks;
using Nuke.Common;

/// <summary>
/// Holds the stack targets to deploy/stacks.yml: a stack that is not declared, or a hand-off to an environment
/// its stack does not declare, stops the run with one message before anything reaches AWS, Pulumi or GitHub.
/// </summary>
sealed partial class Build
{
    StackDeclaration Declaration => Guarded(() => StackDeclaration.Load(RootDirectory / StackDeclaration.RelativePath));

    string DeclaredStackName => string.IsNullOrWhiteSpace(Stack) ? SettingsResolver.DefaultStack : Stack;

    Target CheckStack => _ => _
        .Description("Checks --stack against deploy/stacks.yml; runs before every stack target")
        .DependentFor(Preview, Up, Destroy, PreviewCreateRole, UpCreateRole, DestroyCreateRole,
            PreviewAssumeRole, UpAssumeRole, DestroyAssumeRole, HandOff, RemoveHandOff, Verify,
            Drift, Refresh, Remediate, DriftCreateRole, RefreshCreateRole, RemediateCreateRole,
            DriftAssumeRole, RefreshAssumeRole, RemediateAssumeRole,
            RotateKey, RotateKeyCreateRole, RotateKeyAssumeRole)
        .Executes(() => Guarded(() => Declaration.Require(DeclaredStackName)));

    Target CheckHandOffEnvironment => _ => _
        .Description("Checks --unprivileged-environment against the stack's declaration; runs before HandOff and RemoveHandOff")
        .DependentFor(HandOff, RemoveHandOff)
        .Executes(() => Guarded(() => Declaration.RequireUnprivilegedEnvironment(DeclaredStackName, UnprivilegedEnvironment)));
}
