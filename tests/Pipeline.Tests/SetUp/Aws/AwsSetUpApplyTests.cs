using System.Collections.Immutable;
using System.Text.Json;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.SetUp;
using static AssumeRolePipeline.Pipeline.Tests.SetUp.Aws.AwsSetUpFixture;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp.Aws;

public sealed class AwsSetUpApplyTests
{
    private static string Config(StackRequest request, string key) => request.Config[SetUpContract.FullKey(key)].Value;

    private static readonly ImmutableArray<ResourceChange> FirstRun =
    [
        new("aws:iam/openIdConnectProvider:OpenIdConnectProvider", SetUpContract.OidcProviderResourceName, ChangeKind.Create, []),
        new("aws:iam/policy:Policy", SetUpContract.DeployBoundaryResourceName, ChangeKind.Create, []),
        new("aws:iam/role:Role", "gha-octo-org-widgets-aws-privileged", ChangeKind.Create, []),
        new("aws:iam/rolePolicy:RolePolicy", "gha-octo-org-widgets-aws-privileged-policy", ChangeKind.Update, ["policy"]),
        // The two resources stacks/SetUp declares per role besides it (seen in a compiled run: they printed as type tokens).
        new("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "gha-octo-org-widgets-aws-privileged-only-its-policy", ChangeKind.Create, []),
        new("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "gha-octo-org-widgets-aws-privileged-no-managed-policies",
            ChangeKind.Create, []),
    ];

    [Fact]
    public async Task A_dry_run_previews_the_set_up_stack_and_never_updates_it()
    {
        await using var fixture = await StartAsync();
        fixture.Stacks.Changes = FirstRun;

        var result = await fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None);

        var (request, operation) = Assert.Single(fixture.Stacks.Calls);
        Assert.Equal(StackOperation.Preview, operation);
        Assert.Equal(
            [
                "AWS: would create GitHub's OIDC provider (token.actions.githubusercontent.com)",
                "AWS: would create managed policy assume-role-pipeline-boundary",
                "AWS: would create role gha-octo-org-widgets-aws-privileged",
                "AWS: would update inline policy gha-octo-org-widgets-aws-privileged-policy (policy)",
                "AWS: would create the only-its-inline-policy rule gha-octo-org-widgets-aws-privileged-only-its-policy",
                "AWS: would create the no-managed-policies rule gha-octo-org-widgets-aws-privileged-no-managed-policies",
            ],
            result.Changes);
        Assert.Equal("arn:aws:iam::123456789012:role/gha-octo-org-widgets-aws-prod-preview", result.RoleArnByEnvironment["aws-prod-preview"]);
        Assert.Equal(5, result.RoleArnByEnvironment.Count);
        Assert.Equal(DeployBoundaryArn, result.DeployBoundaryArn);
        Assert.Equal(ReviewBoundaryArn, result.ReviewBoundaryArn);
        Assert.Equal("set-up", request.Project);
    }

    [Fact]
    public async Task An_up_returns_the_role_arns_and_boundaries_the_stack_exported()
    {
        await using var fixture = await StartAsync();
        fixture.Stacks.UpOutputs = ImmutableDictionary<string, StackOutputValue>.Empty
            .Add(SetUpContract.RoleArnsOutput, StackOutputValue.From(new Dictionary<string, object>
            {
                ["aws-privileged"] = "arn:aws:iam::123456789012:role/gha-octo-org-widgets-aws-privileged",
                ["aws-preview"] = "arn:aws:iam::123456789012:role/gha-octo-org-widgets-aws-preview",
            }, false))
            .Add(SetUpContract.DeployBoundaryArnOutput, new StackOutputValue(DeployBoundaryArn, false))
            .Add(SetUpContract.ReviewBoundaryArnOutput, new StackOutputValue(ReviewBoundaryArn, false));

        var result = await fixture.SetUp.ApplyAsync(Request, dryRun: false, CancellationToken.None);

        Assert.Equal(StackOperation.Up, Assert.Single(fixture.Stacks.Calls).Operation);
        Assert.Equal("arn:aws:iam::123456789012:role/gha-octo-org-widgets-aws-preview", result.RoleArnByEnvironment["aws-preview"]);
        Assert.Equal(2, result.RoleArnByEnvironment.Count);
        Assert.Equal(DeployBoundaryArn, result.DeployBoundaryArn);
        Assert.Empty(result.Changes); // nothing to do: said by an empty list
    }

    [Fact]
    public async Task An_up_whose_stack_exported_no_role_arns_fails_explained()
    {
        await using var fixture = await StartAsync();

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => fixture.SetUp.ApplyAsync(Request, dryRun: false, CancellationToken.None));

        Assert.Contains("exported no roleArns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_set_up_stack_runs_in_the_runs_backend_as_its_own_project_and_stack_without_the_policy_pack()
    {
        await using var fixture = await StartAsync();

        await fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None);

        var request = fixture.Stacks.Calls[0].Request;
        Assert.Equal(Path.Combine("/repo", "stacks/SetUp"), request.WorkDir);
        Assert.Equal("octo-org.widgets", request.Stack);
        Assert.Equal(Backend.Environment, request.Environment);
        Assert.Empty(request.PolicyPacks);
        Assert.Equal("us-east-1", request.Config["aws:region"].Value);
        Assert.DoesNotContain(request.Config.Values, v => v.IsSecret);
        Assert.Contains("pulumi: preview of set-up/octo-org.widgets", fixture.Progress);
    }

    [Fact]
    public async Task Each_role_reaches_the_program_rendered_with_its_environments_trust_and_its_kinds_policy()
    {
        await using var fixture = await StartAsync();

        await fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None);

        var roles = JsonSerializer.Deserialize<Dictionary<string, SetUpRoleConfig>>(Config(fixture.Stacks.Calls[0].Request, SetUpContract.RolesKey))!;
        Assert.Equal(["aws-preview", "aws-privileged", "aws-prod-preview", "aws-prod-privileged", "aws-review-privileged"], roles.Keys.Order(StringComparer.Ordinal));
        foreach (var (environment, role) in roles)
        {
            Assert.Equal(SetUpNames.RoleName(AwsSetUpFixture.Repository, environment), role.Name);
            Assert.Empty(TrustPolicyVerdict.Of(role.TrustPolicy, SetUpNames.Subject(AwsSetUpFixture.Repository, environment), ProviderArn));
        }

        Assert.Contains("assume-role-pipeline-prod", roles["aws-prod-privileged"].Policy, StringComparison.Ordinal);
        Assert.Contains("assume-role-pipeline-pr-*", roles["aws-review-privileged"].Policy, StringComparison.Ordinal);
        Assert.Equal(SetUpDocuments.DeployBoundary(Account, "aws", AwsSetUpFixture.Repository), Config(fixture.Stacks.Calls[0].Request, SetUpContract.DeployBoundaryPolicyKey));
        Assert.Equal(SetUpDocuments.ReviewBoundary(Account, "aws", AwsSetUpFixture.Repository), Config(fixture.Stacks.Calls[0].Request, SetUpContract.ReviewBoundaryPolicyKey));
    }

    [Fact]
    public async Task An_existing_provider_and_boundaries_are_adopted_by_their_import_ids()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.OidcProviders[ProviderArn] = ["sts.amazonaws.com", "some-other-tool"];
        fixture.Iam.Policies[DeployBoundaryArn] = true;
        fixture.Iam.Policies[ReviewBoundaryArn] = true;
        fixture.Stacks.Changes = FirstRun;

        var result = await fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None);

        var request = fixture.Stacks.Calls[0].Request;
        Assert.Equal(ProviderArn, Config(request, SetUpContract.OidcProviderImportKey));
        Assert.Equal(DeployBoundaryArn, Config(request, SetUpContract.DeployBoundaryImportKey));
        Assert.Equal(ReviewBoundaryArn, Config(request, SetUpContract.ReviewBoundaryImportKey));
        Assert.Equal("AWS: would adopt (import) the existing GitHub's OIDC provider (token.actions.githubusercontent.com)", result.Changes[0]);
        Assert.Equal("AWS: would adopt (import) the existing managed policy assume-role-pipeline-boundary", result.Changes[1]);
        Assert.Contains(fixture.Progress, p => p.Contains("GitHub's OIDC provider exists (never changed by the set-up)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_provider_and_boundaries_get_no_import_id_so_they_are_created()
    {
        await using var fixture = await StartAsync();

        await fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None);

        var request = fixture.Stacks.Calls[0].Request;
        // Set, and empty: an import id of an earlier run must not linger in the stack's config.
        Assert.Equal("", Config(request, SetUpContract.OidcProviderImportKey));
        Assert.Equal("", Config(request, SetUpContract.DeployBoundaryImportKey));
        Assert.Equal("", Config(request, SetUpContract.ReviewBoundaryImportKey));
        Assert.Equal(
            ["GetOpenIDConnectProvider", "GetPolicy", "GetPolicy"],
            fixture.Iam.Requests.Select(r => r.Action));
        Assert.Equal(ProviderArn, fixture.Iam.Requests.First().Form["OpenIDConnectProviderArn"]);
    }

    [Fact]
    public async Task A_provider_that_does_not_accept_stss_audience_stops_the_run_with_the_command_that_fixes_it()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.OidcProviders[ProviderArn] = ["some-other-tool"];

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => fixture.SetUp.ApplyAsync(Request, dryRun: false, CancellationToken.None));

        Assert.Contains($"aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn {ProviderArn} --client-id sts.amazonaws.com",
            error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Stacks.Calls);
    }

    public static TheoryData<AwsSetUpRequest, string> BadRequests() => new()
    {
        { Request with { Repository = "widgets" }, "The GitHub repository 'widgets' is invalid: OWNER/REPO" },
        { Request with { Region = "Ireland" }, "The AWS region 'Ireland' is invalid" },
        { Request with { Roles = [] }, "The set-up's roles is missing" },
        { Request with { Roles = [new(AwsRoleKind.Deploy, "dev", "aws-privileged"), new(AwsRoleKind.Preview, "dev", "AWS-Privileged")] },
            "'aws-privileged' is invalid: one role per environment" },
        { Request with { Roles = [new(AwsRoleKind.Deploy, "dev", "aws/privileged")] }, "'aws/privileged' is invalid" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_refused_before_any_aws_call(AwsSetUpRequest request, string expected)
    {
        await using var fixture = await StartAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.SetUp.ApplyAsync(request, dryRun: true, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Sts.Requests);
        Assert.Empty(fixture.Iam.Requests);
        Assert.Empty(fixture.Stacks.Calls);
    }

    [Fact]
    public async Task A_deploy_role_for_a_stack_the_policies_cannot_name_is_refused_before_any_aws_call()
    {
        await using var fixture = await StartAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.SetUp.ApplyAsync(
            Request with { Roles = [new(AwsRoleKind.Deploy, "org/dev", "aws-privileged")] }, dryRun: true, CancellationToken.None));

        Assert.Equal("org/dev", error.Error.Value);
        Assert.Equal("stack of the deploy role for environment aws-privileged", error.Error.Input);
        Assert.Empty(fixture.Sts.Requests);
        Assert.Empty(fixture.Iam.Requests);
    }

    [Fact]
    public async Task A_region_outside_the_accounts_partition_is_refused_naming_both()
    {
        await using var fixture = await StartAsync();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.SetUp.ApplyAsync(Request with { Region = "cn-north-1" }, dryRun: true, CancellationToken.None));

        Assert.Equal("The AWS region 'cn-north-1' is invalid: a region of partition aws, which the credentials' account 123456789012 is in.", error.Message);
        Assert.Empty(fixture.Iam.Requests);
    }

    [Theory]
    [InlineData("AccessDenied@403", "may not call iam:GetOpenIDConnectProvider")]
    [InlineData("Throttling@400", "wait a minute and run again")]
    [InlineData("ServiceFailure@500", "IAM failed on its side")]
    public async Task An_iam_refusal_ends_the_run_with_one_line_naming_the_call_and_what_to_do(string failure, string todo)
    {
        await using var fixture = await StartAsync();
        fixture.Iam.Failures["GetOpenIDConnectProvider"] = failure;

        var error = await Assert.ThrowsAsync<IamCallException>(() => fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None));

        Assert.StartsWith($"IAM GetOpenIDConnectProvider failed: {failure.Split('@')[1]} {failure.Split('@')[0]}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(todo, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(fixture.Stacks.Calls);
    }

    [Fact]
    public async Task Iam_answering_nothing_is_explained_as_a_network_failure()
    {
        await using var fixture = await StartAsync();
        var closed = new Uri("http://127.0.0.1:9/");
        var setUp = new AwsSetUp(fixture.Stacks, "/repo", Backend, fixture.Progress.Add, fixture.Access with { IamEndpoint = closed });

        var error = await Assert.ThrowsAsync<IamCallException>(() => setUp.ApplyAsync(Request, dryRun: true, CancellationToken.None));

        Assert.StartsWith("IAM GetOpenIDConnectProvider failed: no answer (", error.Message, StringComparison.Ordinal);
        Assert.Contains("check the network", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Temporary_credentials_sign_their_session_token_and_no_secret_reaches_a_message()
    {
        await using var fixture = await StartAsync(temporaryCredentials: true);
        fixture.Iam.Failures["GetPolicy"] = "AccessDenied@403";

        var error = await Assert.ThrowsAsync<IamCallException>(() => fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None));

        Assert.All(fixture.Iam.Requests, r => Assert.Equal(SessionToken, r.SecurityToken));
        Assert.All(fixture.Iam.Requests, r => Assert.Contains("x-amz-security-token", r.Authorization, StringComparison.Ordinal));
        Assert.DoesNotContain(SecretKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Progress, p => p.Contains(SecretKey, StringComparison.Ordinal) || p.Contains(SessionToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_iam_call_is_signed_for_iam_in_us_east_1_with_a_signature_iam_can_check()
    {
        await using var fixture = await StartAsync();
        fixture.Iam.Roles["gha-octo-org-widgets-aws-privileged"] = "{}";

        await fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None);

        // The server answers SignatureDoesNotMatch to any request whose signature it cannot recompute: none did.
        Assert.Equal(3, fixture.Iam.Requests.Count);
        Assert.All(fixture.Iam.Requests, r => Assert.Contains($"Credential={AccessKeyId}/", r.Authorization, StringComparison.Ordinal));
        Assert.All(fixture.Iam.Requests, r => Assert.Contains("/us-east-1/iam/aws4_request", r.Authorization, StringComparison.Ordinal));
        Assert.All(fixture.Iam.Requests, r => Assert.Equal("2010-05-08", r.Form["Version"]));
    }

    [Fact]
    public async Task No_credentials_are_explained_in_one_line()
    {
        await using var fixture = await StartAsync();
        fixture.CredentialsFailure = new Amazon.Runtime.AmazonClientException("Failed to resolve AWS credentials.");

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None));

        Assert.StartsWith("No AWS credentials were found for the set-up.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_that_cannot_be_read_are_explained_before_any_call()
    {
        await using var fixture = await StartAsync();
        var setUp = new AwsSetUp(fixture.Stacks, "/repo", Backend, fixture.Progress.Add,
            fixture.Access with { Credentials = (_, _) => Task.FromResult<Amazon.Runtime.AWSCredentials>(new ExpiredCredentials()) });

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => setUp.ApplyAsync(Request, dryRun: true, CancellationToken.None));

        Assert.StartsWith("The AWS credentials for the set-up could not be read", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Sts.Requests);
    }

    private sealed class ExpiredCredentials : Amazon.Runtime.AWSCredentials
    {
        public override Amazon.Runtime.ImmutableCredentials GetCredentials() => throw new Amazon.Runtime.AmazonClientException("The SSO session has expired.");

        public override Task<Amazon.Runtime.ImmutableCredentials> GetCredentialsAsync() => Task.FromException<Amazon.Runtime.ImmutableCredentials>(
            new Amazon.Runtime.AmazonClientException("The SSO session has expired."));
    }

    [Fact]
    public async Task Sts_refusing_the_credentials_is_explained()
    {
        await using var fixture = await StartAsync();
        LocalStsServerScript(fixture, "InvalidClientTokenId");

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => fixture.SetUp.ApplyAsync(Request, dryRun: true, CancellationToken.None));

        Assert.StartsWith("STS GetCallerIdentity failed: 403 InvalidClientTokenId", error.Message, StringComparison.Ordinal);
        Assert.Contains("renew the AWS credentials", error.Message, StringComparison.Ordinal);
    }

    private static void LocalStsServerScript(AwsSetUpFixture fixture, string reply) =>
        Readiness.LocalStsServer.Script(fixture.Sts.GetCallerIdentityScript, reply);

    [Theory]
    [InlineData(StackFailure.OperationFailed, "The up of the set-up stack set-up/octo-org.widgets failed: aws:iam:Role error: EntityAlreadyExists")]
    [InlineData(StackFailure.ConcurrentUpdate, "Another update holds the lock of the set-up stack set-up/octo-org.widgets.")]
    [InlineData(StackFailure.CliMissing, "The Pulumi CLI could not be started.")]
    public async Task A_failed_stack_operation_is_explained(StackFailure failure, string expected)
    {
        await using var fixture = await StartAsync();
        fixture.Stacks.Failure = new StackOperationException(failure,
            "code: 255\nstdout: Updating (octo-org.widgets)\n\nstderr: error: aws:iam:Role error: EntityAlreadyExists\n");

        var error = await Assert.ThrowsAsync<ExplainedFailure>(() => fixture.SetUp.ApplyAsync(Request, dryRun: false, CancellationToken.None));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
