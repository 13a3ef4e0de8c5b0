namespace AssumeRolePipeline.Contracts.SetUp;

/// <summary>
/// One role as the build hands it to the set-up program (in <see cref="SetUpContract.RolesKey"/>, serialised with
/// System.Text.Json's defaults, which Pulumi's <c>Config.RequireObject</c> reads back): everything rendered, so the
/// program only declares.
/// </summary>
/// <param name="Name">The IAM role name (<see cref="SetUpNames.RoleName"/>).</param>
/// <param name="Description">Shown in the IAM console: who made the role and what for.</param>
/// <param name="TrustPolicy">The rendered trust policy: exactly one environment's OIDC subject.</param>
/// <param name="Policy">The rendered inline permission policy.</param>
public sealed record SetUpRoleConfig(string Name, string Description, string TrustPolicy, string Policy);
