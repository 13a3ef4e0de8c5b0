using System.Net;
using AssumeRolePipeline.Contracts.Failures;
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
    private async Task<PullRequestStatus> GetAsync(int number, CancellationToken cancellationToken)
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

    /// <summary>The status of each number, asked one after another once the repository itself could be read.</summary>
    /// <exception cref="ExplainedFailure">
    /// The repository cannot be read, or GitHub refused a question (token, permission, rate limit).
    /// </exception>
    public async Task<IReadOnlyDictionary<int, PullRequestStatus>> GetAllAsync(IEnumerable<int> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        await RequireRepositoryAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<int, PullRequestStatus>();
        foreach (var number in numbers.Distinct())
            states[number] = await GetAsync(number, cancellationToken).ConfigureAwait(false);
        return states;
    }

    /// <summary>
    /// GitHub answers 404 for every pull request of a repository the token cannot see (or of a wrong
    /// <c>GITHUB_REPOSITORY</c>), which would read as "missing" for all of them: the repository is read first.
    /// </summary>
    private async Task RequireRepositoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.Repository.Get(_owner, _repository).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            var why = e.StatusCode switch
            {
                HttpStatusCode.NotFound => "GITHUB_REPOSITORY is wrong, or the token cannot see the repository, and then every pull request would read as missing",
                HttpStatusCode.Unauthorized => "the token is invalid or has expired",
                HttpStatusCode.Forbidden => "the token may not read it, or a rate limit stopped it",
                _ => $"GitHub answered {e.StatusCode}",
            };
            throw new ExplainedFailure($"Could not read the repository {_owner}/{_repository} ({(int)e.StatusCode}): {why}. Nothing was swept.", e);
        }
    }
}
