using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Publishing.GitHub;
using AssumeRolePipeline.Pipeline.Publishing.GitHub.HandOff;
using AssumeRolePipeline.Pipeline.Safety.HandOff;
using AssumeRolePipeline.Pipeline.Tests.GitHub;

namespace AssumeRolePipeline.Pipeline.Tests.Review;

/// <summary>
/// The review stacks share one unprivileged environment: each one's hand-off has names of its own and a fingerprint
/// bound to its stack, so none overwrites, removes or passes for another's (dev's and prod's included), also when two
/// are written at once.
/// </summary>
public sealed class ReviewHandOffIsolationTests : IAsyncLifetime
{
    private const string ReviewEnvironment = "aws-review-unprivileged";

    private static readonly UnprivilegedCredentials Pr12 = new(
        "arn:aws:iam::123456789012:role/allow-s3-management-a1b2c3d", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private static readonly UnprivilegedCredentials Pr13 = new(
        "arn:aws:iam::123456789012:role/allow-s3-management-e4f5a6b", "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");

    private FakeSecretsApi _api = null!;
    private CredentialHandOff _handOff = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSecretsApi.StartAsync();
        var client = new EnvironmentSecretsClient(GitHubConnections.CreateConnection(_api.Server.BaseAddress, "t"), "o", "r");
        _handOff = new CredentialHandOff(client, _ => { });
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>The variables a job gets when the workflow maps <paramref name="slot"/>'s secrets to the plain names.</summary>
    private Func<string, string?> MappedInto(HandOffSlot slot) =>
        name => _api.Open(ReviewEnvironment, name + slot.Suffix);

    private HandOffProblem? Problem(Func<string, string?> environment, string stack)
    {
        try
        {
            HandOffCheck.Read(environment, expectedAccessKeyId: null, stack);
            return null;
        }
        catch (HandOffException e)
        {
            return e.Problem;
        }
    }

    [Fact]
    public void A_review_stacks_slot_carries_its_suffix_and_binds_its_stack_dev_and_prod_keep_the_plain_names()
    {
        Assert.Equal(["ASSUME_ROLE_ARN_PR_12", "UNPRIVILEGED_AWS_SECRET_ACCESS_KEY_PR_12", "UNPRIVILEGED_AWS_ACCESS_KEY_ID_PR_12", "ASSUME_ROLE_HANDOFF_FINGERPRINT_PR_12"],
            HandOffSlot.For("pr-12").All);
        Assert.Equal("pr-12", HandOffSlot.For("pr-12").BoundStack);
        Assert.Equal(HandOffSlot.Plain, HandOffSlot.For("dev"));
        Assert.Equal(HandOffSecretNames.All, HandOffSlot.For("prod").All);
        Assert.Equal(25, HandOffSlot.MaxStacksPerEnvironment);
    }

    [Fact]
    public async Task Two_review_stacks_handed_off_at_once_each_read_back_their_own()
    {
        await Task.WhenAll(
            _handOff.WriteAsync(ReviewEnvironment, HandOffSlot.For("pr-12"), Pr12, CancellationToken.None),
            _handOff.WriteAsync(ReviewEnvironment, HandOffSlot.For("pr-13"), Pr13, CancellationToken.None));

        Assert.Equal(8, _api.Names(ReviewEnvironment).Count);
        Assert.Equal(Pr12, HandOffCheck.Read(MappedInto(HandOffSlot.For("pr-12")), Pr12.AccessKeyId, "pr-12"));
        Assert.Equal(Pr13, HandOffCheck.Read(MappedInto(HandOffSlot.For("pr-13")), Pr13.AccessKeyId, "pr-13"));
    }

    [Fact]
    public async Task Another_stacks_hand_off_mapped_into_a_job_never_passes_for_its_own()
    {
        await _handOff.WriteAsync(ReviewEnvironment, HandOffSlot.For("pr-13"), Pr13, CancellationToken.None);
        await _handOff.WriteAsync(ReviewEnvironment, Pr12, CancellationToken.None); // a plain (dev-style) hand-off

        Assert.Equal(HandOffProblem.Partial, Problem(MappedInto(HandOffSlot.For("pr-13")), "pr-12")); // pr-13's read as pr-12's
        Assert.Equal(HandOffProblem.Partial, Problem(MappedInto(HandOffSlot.Plain), "pr-12"));      // dev's read as pr-12's
        Assert.Equal(HandOffProblem.Partial, Problem(MappedInto(HandOffSlot.For("pr-13")), "dev"));  // pr-13's read as dev's
        Assert.Null(Problem(MappedInto(HandOffSlot.Plain), "dev"));
    }

    [Fact]
    public async Task The_partial_message_of_a_review_stack_names_its_own_secrets()
    {
        await _handOff.WriteAsync(ReviewEnvironment, HandOffSlot.For("pr-13"), Pr13, CancellationToken.None);

        var error = Assert.Throws<HandOffException>(() => HandOffCheck.Read(MappedInto(HandOffSlot.For("pr-13")), null, "pr-12"));

        Assert.Contains("for stack pr-12 (its secrets are ASSUME_ROLE_ARN_PR_12,", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pr13.SecretAccessKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_one_review_stacks_hand_off_leaves_the_others_and_the_plain_one()
    {
        await _handOff.WriteAsync(ReviewEnvironment, HandOffSlot.For("pr-12"), Pr12, CancellationToken.None);
        await _handOff.WriteAsync(ReviewEnvironment, HandOffSlot.For("pr-13"), Pr13, CancellationToken.None);
        await _handOff.WriteAsync(ReviewEnvironment, Pr12, CancellationToken.None);

        await _handOff.RemoveAsync(ReviewEnvironment, HandOffSlot.For("pr-12"), CancellationToken.None);

        Assert.Equal(HandOffSlot.For("pr-13").All.Concat(HandOffSecretNames.All).Order(), _api.Names(ReviewEnvironment).Order());
        Assert.DoesNotContain(_api.Names(ReviewEnvironment), n => n.EndsWith("_PR_12", StringComparison.Ordinal));
        Assert.Equal(
            HandOffSlot.For("pr-12").All.Reverse(),
            _api.Server.Requests.Where(r => r.Method == "DELETE").Select(r => r.RawPath.Split('/')[^1]));
    }
}
