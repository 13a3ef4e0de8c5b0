using AssumeRolePipeline.Contracts.Policies;
using AssumeRolePipeline.Pipeline.Model;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>
/// The roles the tests assume, made on the gateway with the admin user's keys through the IAM API, from
/// the product's own policy documents: "granting" is create-role's role (TrustPolicy of the unprivileged
/// user, S3FullAccessPolicy inline); "bare" trusts the same user and has no inline policy, the control that
/// shows the S3 rights come from S3FullAccessPolicy. Unique names per test run; both deleted afterwards.
/// </summary>
public sealed class RgwRoles : IAsyncLifetime
{
    private const string InlinePolicyName = "s3-full-access";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    private string GrantingName => $"ci-granting-{_suffix}";

    private string BareName => $"ci-bare-{_suffix}";

    /// <summary>What create-role hands to assume-role: the granting role's ARN and the unprivileged user's key.</summary>
    internal UnprivilegedCredentials? Granting { get; private set; }

    internal string? BareRoleArn { get; private set; }

    public async Task InitializeAsync()
    {
        if (RgwEnvironment.Config is not { } config)
            return;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var iam = new RgwIamClient(config, RgwClients.Keys(config.Admin).GetCredentials());
        var trust = PolicyDocuments.TrustPolicy(config.Unprivileged.Arn);

        var grantingArn = await iam.CreateRoleAsync(GrantingName, trust, timeout.Token);
        await iam.PutRolePolicyAsync(GrantingName, InlinePolicyName, PolicyDocuments.S3FullAccessPolicy(), timeout.Token);
        Granting = new UnprivilegedCredentials(grantingArn, config.Unprivileged.AccessKeyId, config.Unprivileged.SecretAccessKey);

        BareRoleArn = await iam.CreateRoleAsync(BareName, trust, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (RgwEnvironment.Config is not { } config)
            return;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var iam = new RgwIamClient(config, RgwClients.Keys(config.Admin).GetCredentials());
        if (Granting is not null)
        {
            await iam.DeleteRolePolicyAsync(GrantingName, InlinePolicyName, timeout.Token);
            await iam.DeleteRoleAsync(GrantingName, timeout.Token);
        }

        if (BareRoleArn is not null)
            await iam.DeleteRoleAsync(BareName, timeout.Token);
    }
}
