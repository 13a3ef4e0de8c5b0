using System.Collections.Immutable;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Contracts.SetUp;
using AssumeRolePipeline.Contracts.Stacks;
using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Verification;
using AssumeRolePipeline.Pipeline.Safety.Failures;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>
/// The AWS half of the set-up: finds the account (STS), looks up what already exists in it (GitHub's OIDC provider, the two
/// boundaries: adopted, never created twice), renders deploy/iam's documents for every role (Contracts), and previews or
/// updates the set-up stack (stacks/SetUp) with them as config; and reads back each role's trust for CheckSetUp.
/// </summary>
public sealed class AwsSetUp : IAwsSetUp
{
    // Null in a trust-check-only instance (CheckSetUp), which runs no stack and so needs neither a backend nor the CLI.
    private readonly IStackOperator? _stacks;
    private readonly string? _workDir;
    private readonly StateBackend? _backend;
    private readonly Action<string> _progress;
    private readonly AwsAccess _aws;

    /// <param name="stacks">Runs the set-up stack (the Automation API adapter; in tests an in-memory one).</param>
    /// <param name="repositoryRoot">The checkout, which holds stacks/SetUp.</param>
    /// <param name="backend">Where the set-up stack's state lives: the run's own backend (<c>--backend</c> / PULUMI_BACKEND_URL).</param>
    /// <param name="environment">The process environment: AWS_ENDPOINT_URL_IAM (or AWS_ENDPOINT_URL) points IAM's calls elsewhere.</param>
    /// <param name="progress">Receives each step and each line Pulumi prints; nothing secret is given to it.</param>
    /// <param name="time">Signs IAM's requests.</param>
    public AwsSetUp(IStackOperator stacks, string repositoryRoot, StateBackend backend, Func<string, string?> environment,
        Action<string> progress, TimeProvider time)
        : this(stacks, repositoryRoot, backend, progress, AwsAccess.Default(environment, time))
    {
    }

    internal AwsSetUp(IStackOperator stacks, string repositoryRoot, StateBackend backend, Action<string> progress, AwsAccess aws)
        : this(progress, aws)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentNullException.ThrowIfNull(backend);
        _stacks = stacks;
        _workDir = Path.Combine(repositoryRoot, SetUpContract.ProjectDirectory);
        _backend = backend;
    }

    private AwsSetUp(Action<string> progress, AwsAccess aws)
    {
        _progress = progress;
        _aws = aws;
    }

    /// <summary>
    /// CheckSetUp's AWS half: reads the roles' trust through IAM (<see cref="CheckTrustAsync"/>) and runs no stack, so it needs no
    /// state backend, no Pulumi CLI and no region of its own (the check takes --region or the repository variable AWS_REGION).
    /// Its <see cref="ApplyAsync"/> refuses.
    /// </summary>
    public static AwsSetUp TrustCheckOnly(Func<string, string?> environment, TimeProvider time) =>
        new(_ => { }, AwsAccess.Default(environment, time));

    internal static AwsSetUp TrustCheckOnly(AwsAccess aws) => new(_ => { }, aws);

    public async Task<AwsSetUpResult> ApplyAsync(AwsSetUpRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        if (_stacks is null || _workDir is null || _backend is null)
            throw new InvalidOperationException("This AwsSetUp only checks the roles' trust (TrustCheckOnly): it runs no set-up stack.");
        var repository = Validate(request);
        var credentials = await CredentialsAsync(request.Region, cancellationToken).ConfigureAwait(false);
        var (account, partition) = await AccountAsync(credentials, request.Region, cancellationToken).ConfigureAwait(false);
        InputRules.Require(request.Region, v => SetUpNames.PartitionOfRegion(v!) == partition
            ? null
            : new InputError("AWS region", v, $"a region of partition {partition}, which the credentials' account {account} is in"));
        var roles = request.Roles.ToImmutableSortedDictionary(
            r => r.Environment,
            r => SetUpDocuments.Role(KindOf(r.Kind), account, partition, repository, r.Environment, r.Stack),
            StringComparer.Ordinal);

        var iam = await IamAsync(credentials, partition, cancellationToken).ConfigureAwait(false);
        var providerArn = SetUpNames.OidcProviderArn(partition, account);
        var deployBoundaryArn = SetUpNames.DeployBoundaryArn(partition, account);
        var reviewBoundaryArn = SetUpNames.ReviewBoundaryArn(partition, account);
        var audiences = await iam.GetOpenIdConnectProviderClientIdsAsync(providerArn, cancellationToken).ConfigureAwait(false);
        if (audiences is not null && !audiences.Contains(SetUpContract.OidcAudience, StringComparer.Ordinal))
        {
            throw new ExplainedFailure(
                $"GitHub's OIDC provider {providerArn} exists but does not accept the audience {SetUpContract.OidcAudience} (it accepts " +
                $"{(audiences.Count == 0 ? "none" : string.Join(", ", audiences))}), so no role could be assumed with it. The set-up never changes " +
                "a provider the whole account shares: add the audience with 'aws iam add-client-id-to-open-id-connect-provider " +
                $"--open-id-connect-provider-arn {providerArn} --client-id {SetUpContract.OidcAudience}', then run again.");
        }

        var deployBoundaryExists = await iam.PolicyExistsAsync(deployBoundaryArn, cancellationToken).ConfigureAwait(false);
        var reviewBoundaryExists = await iam.PolicyExistsAsync(reviewBoundaryArn, cancellationToken).ConfigureAwait(false);
        _progress($"AWS account {account} ({partition}), region {request.Region}: GitHub's OIDC provider " +
                  $"{(audiences is null ? "is new" : "exists (never changed by the set-up)")}; boundary {SetUpContract.DeployBoundaryName} " +
                  $"{(deployBoundaryExists ? "exists" : "is new")}; boundary {SetUpContract.ReviewBoundaryName} " +
                  $"{(reviewBoundaryExists ? "exists" : "is new")}; {roles.Count} role(s).");

        var adopted = ImmutableHashSet.CreateRange(StringComparer.Ordinal, new[]
        {
            audiences is null ? null : SetUpContract.OidcProviderResourceName,
            deployBoundaryExists ? SetUpContract.DeployBoundaryResourceName : null,
            reviewBoundaryExists ? SetUpContract.ReviewBoundaryResourceName : null,
        }.OfType<string>());
        var stackRequest = StackRequest(_workDir, _backend, request, repository, roles,
            audiences is null ? null : providerArn,
            deployBoundaryExists ? deployBoundaryArn : null,
            reviewBoundaryExists ? reviewBoundaryArn : null,
            SetUpDocuments.DeployBoundary(account, partition, repository),
            SetUpDocuments.ReviewBoundary(account, partition, repository));

        var operation = dryRun ? StackOperation.Preview : StackOperation.Up;
        _progress($"{(dryRun ? "Previewing" : "Updating")} the set-up stack {stackRequest.DisplayName} in {StateBackend.Redact(_backend.Url)}…");
        StackOperationResult result;
        try
        {
            result = await _stacks.RunAsync(stackRequest, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (StackOperationException e)
        {
            throw Explained(e, stackRequest, operation);
        }

        var changes = result.Changes.Select(c => ChangeLine(c, dryRun, adopted)).ToImmutableArray();
        if (dryRun)
        {
            return new AwsSetUpResult(
                roles.ToImmutableDictionary(r => r.Key, r => SetUpNames.RoleArn(partition, account, r.Value.Name)),
                deployBoundaryArn, reviewBoundaryArn, changes);
        }

        return new AwsSetUpResult(
            RoleArns(result.Outputs, stackRequest),
            Output(result.Outputs, SetUpContract.DeployBoundaryArnOutput, stackRequest),
            Output(result.Outputs, SetUpContract.ReviewBoundaryArnOutput, stackRequest),
            changes);
    }

    public async Task<IReadOnlyList<string>> CheckTrustAsync(AwsSetUpRequest request, IReadOnlyDictionary<string, string> roleArnByEnvironment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(roleArnByEnvironment);
        var repository = InputRules.Require(request.Repository, v => SetUpRules.Repository(v));
        InputRules.Require(request.Region, v => InputRules.Region(v));
        var lines = new List<string>();
        var roles = new List<(string Environment, string Arn, RoleArnParts Parts)>();
        foreach (var (environment, arn) in roleArnByEnvironment.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if ((InputRules.GitHubEnvironmentName(environment) ?? InputRules.RoleArn(arn, $"role ARN of environment {environment}")) is { } error)
                lines.Add(error.Message);
            else
                roles.Add((environment, arn, RoleArnParts.Parse(arn)));
        }

        if (roles.Count == 0)
            return lines;
        var credentials = await CredentialsAsync(request.Region, cancellationToken).ConfigureAwait(false);
        var clients = new Dictionary<string, IamQueryClient>(StringComparer.Ordinal);
        foreach (var (environment, arn, parts) in roles)
        {
            if (!clients.TryGetValue(parts.Partition, out var iam))
                clients[parts.Partition] = iam = await IamAsync(credentials, parts.Partition, cancellationToken).ConfigureAwait(false);
            var subject = SetUpNames.Subject(repository, environment);
            string? trust;
            try
            {
                trust = await iam.GetRoleTrustPolicyAsync(parts.RoleName, cancellationToken).ConfigureAwait(false);
            }
            catch (IamCallException e)
            {
                lines.Add($"The trust policy of role {arn} (environment {environment}) could not be read: {e.Message}");
                continue;
            }

            if (trust is null)
            {
                lines.Add($"The role {arn} (environment {environment}) does not exist in account {parts.Account}: run ./build.sh SetUp, or set the " +
                          "environment's role ARN to the role its jobs assume.");
                continue;
            }

            lines.AddRange(TrustPolicyVerdict.OfEncoded(trust, subject, SetUpNames.OidcProviderArn(parts.Partition, parts.Account))
                .Select(defect => $"The trust policy of role {arn} (environment {environment}, which should trust only {subject}): {defect}."));
        }

        return lines;
    }

    /// <summary>Every input checked before any call: the repository, the region, and one role per environment.</summary>
    private static string Validate(AwsSetUpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repository = InputRules.Require(request.Repository, v => SetUpRules.Repository(v));
        InputRules.Require(request.Region, v => InputRules.Region(v));
        if (request.Roles.Count == 0)
            throw new InvalidInputException(new InputError("set-up's roles", null, "at least one environment that assumes a role"));
        foreach (var role in request.Roles)
        {
            InputRules.Require(role.Environment, v => InputRules.GitHubEnvironmentName(v, $"GitHub environment of the {role.Kind} role of stack {role.Stack}"));
            // A review role serves every pr-<n> stack and its templates name none; the others name their stack in ARNs.
            if (role.Kind != AwsRoleKind.Review)
                InputRules.Require(role.Stack, v => SetUpRules.Stack(v, $"stack of the {role.Kind.ToString().ToLowerInvariant()} role for environment {role.Environment}"));
        }

        // GitHub's environment names ignore case: two entries for one environment would be two roles trusting one subject.
        var twice = request.Roles.GroupBy(r => r.Environment, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidInputException(new InputError("GitHub environment of a set-up role", twice.Key, "one role per environment, and this one has " + twice.Count()));
        return repository;
    }

    private static SetUpRoleKind KindOf(AwsRoleKind kind) => kind switch
    {
        AwsRoleKind.Deploy => SetUpRoleKind.Deploy,
        AwsRoleKind.Preview => SetUpRoleKind.Preview,
        AwsRoleKind.Review => SetUpRoleKind.Review,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a set-up role"),
    };

    private async Task<AWSCredentials> CredentialsAsync(string region, CancellationToken cancellationToken)
    {
        AWSCredentials credentials;
        try
        {
            credentials = await _aws.Credentials(region, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException)
        {
            throw new ExplainedFailure(
                "No AWS credentials were found for the set-up. Set AWS_PROFILE (after 'aws sso login') or AWS_ACCESS_KEY_ID and " +
                "AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary ones) of an identity that may administer IAM, then run again.");
        }

        // Read once here, so that an expired session is said as such, not as a failed call.
        await ReadAsync(credentials).ConfigureAwait(false);
        return credentials;
    }

    /// <summary>The account and partition of the credentials, from STS GetCallerIdentity (which needs no permission).</summary>
    private async Task<(string Account, string Partition)> AccountAsync(AWSCredentials credentials, string region, CancellationToken cancellationToken)
    {
        using var sts = _aws.Clients.Sts(credentials, region);
        var (identity, error) = await AwsCall.TryAsync(ct => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), cancellationToken)
            .ConfigureAwait(false);
        if (identity is null)
        {
            throw new ExplainedFailure(
                $"STS GetCallerIdentity failed: {error}. What to do: {(error!.Status is null ? "check the network, then run again" : "renew the AWS credentials (aws sso login, or fresh keys), then run again")}.");
        }

        var partition = identity.Arn?.Split(':') is { Length: > 1 } parts ? parts[1] : null;
        InputRules.Require(identity.Account, v => SetUpRules.AccountId(v, "account GetCallerIdentity answered"));
        InputRules.Require(partition, v => SetUpRules.Partition(v, $"partition of the caller {identity.Arn}"));
        return (identity.Account, partition!);
    }

    private async Task<IamQueryClient> IamAsync(AWSCredentials credentials, string partition, CancellationToken cancellationToken)
    {
        var immutable = await ReadAsync(credentials).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        return new IamQueryClient(_aws.Http, _aws.IamEndpoint ?? IamQueryClient.EndpointFor(partition), IamQueryClient.SigningRegionFor(partition),
            immutable, _aws.Time);
    }

    private static async Task<ImmutableCredentials> ReadAsync(AWSCredentials credentials)
    {
        try
        {
            return await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException)
        {
            throw new ExplainedFailure(
                "The AWS credentials for the set-up could not be read (an expired SSO session or role?). Renew them ('aws sso login', " +
                "or fresh keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then run again.");
        }
    }

    private StackRequest StackRequest(string workDir, StateBackend backend, AwsSetUpRequest request, string repository, ImmutableSortedDictionary<string, SetUpRoleConfig> roles,
        string? providerImport, string? deployBoundaryImport, string? reviewBoundaryImport, string deployBoundary, string reviewBoundary)
    {
        // Every key is set on every run, an absent import as "" (no import): a value of an earlier run must not linger in the
        // stack's config file.
        var config = ImmutableDictionary<string, StackConfigValue>.Empty
            .Add(AwsConfigKeys.Region, new(request.Region))
            .Add(SetUpContract.FullKey(SetUpContract.RolesKey), new(JsonSerializer.Serialize(roles)))
            .Add(SetUpContract.FullKey(SetUpContract.DeployBoundaryPolicyKey), new(deployBoundary))
            .Add(SetUpContract.FullKey(SetUpContract.ReviewBoundaryPolicyKey), new(reviewBoundary))
            .Add(SetUpContract.FullKey(SetUpContract.OidcProviderImportKey), new(providerImport ?? string.Empty))
            .Add(SetUpContract.FullKey(SetUpContract.DeployBoundaryImportKey), new(deployBoundaryImport ?? string.Empty))
            .Add(SetUpContract.FullKey(SetUpContract.ReviewBoundaryImportKey), new(reviewBoundaryImport ?? string.Empty));
        return new StackRequest(SetUpContract.ProjectName, workDir, SetUpNames.StackName(repository), config, backend.Environment, _progress,
            $"./build.sh SetUp for {repository}");
    }

    private static ExplainedFailure Explained(StackOperationException failure, StackRequest request, StackOperation operation)
    {
        var verb = operation.ToString().ToLowerInvariant();
        return failure.Failure switch
        {
            StackFailure.ConcurrentUpdate => new ExplainedFailure(
                $"Another update holds the lock of the set-up stack {request.DisplayName}. Wait for it to finish; if none is running, release " +
                "the lock with 'pulumi cancel' (Pulumi Cloud) or by deleting the stack's lock file under .pulumi/locks (self-managed backend).", failure),
            StackFailure.CliMissing => new ExplainedFailure(
                "The Pulumi CLI could not be started. Install it (curl -fsSL https://get.pulumi.com | sh, or https://www.pulumi.com/docs/install/) " +
                "and make sure 'pulumi' is on PATH.", failure),
            _ => new ExplainedFailure(
                $"The {verb} of the set-up stack {request.DisplayName} failed: " +
                $"{string.Join("; ", (FailureNote.Summarize(failure.Message) ?? "Pulumi gave no reason").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}. " +
                "Pulumi's output is above; what was made is in the set-up's state, and running SetUp again completes the rest.", failure),
        };
    }

    /// <summary>One line per resource change, in the user's words: what happens (or would) to which resource.</summary>
    private static string ChangeLine(ResourceChange change, bool dryRun, ImmutableHashSet<string> adopted)
    {
        var what = change.Type switch
        {
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider" => $"GitHub's OIDC provider ({SetUpContract.OidcHost})",
            "aws:iam/policy:Policy" => $"managed policy {change.Name}",
            "aws:iam/role:Role" => $"role {change.Name}",
            "aws:iam/rolePolicy:RolePolicy" => $"inline policy {change.Name}",
            "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive" => $"the only-its-inline-policy rule {change.Name}",
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive" => $"the no-managed-policies rule {change.Name}",
            _ => $"{change.Type} {change.Name}",
        };
        var isAdopted = adopted.Contains(change.Name);
        var verb = (change.Kind, isAdopted) switch
        {
            (ChangeKind.Create, true) => dryRun ? "would adopt (import) the existing" : "adopted (imported) the existing",
            (ChangeKind.Create, false) => dryRun ? "would create" : "created",
            (ChangeKind.Update, _) => dryRun ? "would update" : "updated",
            (ChangeKind.Replace, _) => dryRun ? "would replace" : "replaced",
            (ChangeKind.Delete, _) => dryRun ? "would delete" : "deleted",
            _ => change.Kind.ToString().ToLowerInvariant(),
        };
        var properties = change.ChangedProperties.IsDefaultOrEmpty ? string.Empty : $" ({string.Join(", ", change.ChangedProperties)})";
        return $"AWS: {verb} {what}{properties}";
    }

    private static ImmutableDictionary<string, string> RoleArns(ImmutableDictionary<string, StackOutputValue> outputs, StackRequest request)
    {
        var text = Output(outputs, SetUpContract.RoleArnsOutput, request);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(text)?.ToImmutableDictionary(StringComparer.Ordinal)
                   ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new ExplainedFailure($"The set-up stack {request.DisplayName} exported {SetUpContract.RoleArnsOutput} as something other than " +
                                       "a map of environment to role ARN; is stacks/SetUp the program of this build?");
        }
    }

    private static string Output(ImmutableDictionary<string, StackOutputValue> outputs, string name, StackRequest request) =>
        outputs.GetValueOrDefault(name)?.Value is { Length: > 0 } value
            ? value
            : throw new ExplainedFailure($"The set-up stack {request.DisplayName} exported no {name} after its update; is stacks/SetUp the program of this build?");
}
