using System.Net;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Settings;
using AssumeRolePipeline.Pipeline.Stages;
using Octokit;

namespace AssumeRolePipeline.Pipeline.Operations.Review;

/// <summary>Asks GitHub whether a review stack's pull request is still open (Octokit; <c>pull-requests: read</c>).</summary>
public sealed class PullRequestStates
{
    private readonly IGitHubClient _client;
    private readonly string _owner;
    private readonly string _repository;

    public PullRequestStates(IGitHubClient client, string owner, string repository)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(repository);
        _client = client;
        _owner = owner;
        _repository = repository;
    }

    /// <exception cref="ExplainedFailure">GitHub refused the question (token, permission, rate limit).</exception>
    public async Task<PullRequestStatus> GetAsync(int number, CancellationToken cancellationToken)
    {
        try
        {
            var pullRequest = await _client.PullRequest.Get(_owner, _repository, number).WaitAsync(cancellationToken).ConfigureAwait(false);
            return pullRequest.Merged ? PullRequestStatus.Merged
                : pullRequest.State.Value == ItemState.Closed ? PullRequestStatus.Closed
                : PullRequestStatus.Open;
        }
        catch (NotFoundException)
        {
            return PullRequestStatus.Missing;
        }
        catch (ApiException e)
        {
            // Stop rather than guess: a wrong "closed" would destroy a stack someone is reviewing.
            var why = e.StatusCode switch
            {
                HttpStatusCode.Unauthorized => "the token is invalid or has expired",
                HttpStatusCode.Forbidden => "the token may not read pull requests (the job needs pull-requests: read), or a rate limit stopped it",
                _ => $"GitHub answered {(int)e.StatusCode} {e.StatusCode}",
            };
            throw new ExplainedFailure($"Could not read pull request #{number} of {_owner}/{_repository}: {why}. Nothing was swept.", e);
        }
    }

    /// <summary>The status of each number, asked one after another.</summary>
    public async Task<IReadOnlyDictionary<int, PullRequestStatus>> GetAllAsync(IEnumerable<int> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var states = new Dictionary<int, PullRequestStatus>();
        foreach (var number in numbers.Distinct())
            states[number] = await GetAsync(number, cancellationToken).ConfigureAwait(false);
        return states;
    }
}
