using System.Net;
using System.Text;
using AssumeRolePipeline.Contracts.Failures;
using AssumeRolePipeline.Pipeline.Composition;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp;

/// <summary>
/// The administrator's token (SetUp, CheckSetUp) and the workflow's (CheckEnvironments) never reach the console, a workflow
/// command or a failure's message, in any printed form, when GitHub answers and when it refuses a call with an answer that
/// quotes the request back (a proxy's error page can).
/// </summary>
public sealed class SetUpTokenCanaryTests : IAsyncLifetime
{
    private const string Token = "ghp_CanaryToken0123456789abcdefABCDEF0123";

    private SetUpHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await SetUpHarness.StartAsync();
        _harness.Environment["GITHUB_TOKEN"] = Token;
        _harness.OnGitHubActions();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<BuildCommand, int> Runs => new()
    {
        { BuildCommand.SetUp, 0 }, { BuildCommand.SetUp, 401 }, { BuildCommand.SetUp, 403 },
        { BuildCommand.CheckSetUp, 0 }, { BuildCommand.CheckSetUp, 401 },
        { BuildCommand.CheckEnvironments, 0 }, { BuildCommand.CheckEnvironments, 401 }, { BuildCommand.CheckEnvironments, 500 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task The_token_is_never_printed(BuildCommand command, int refusal)
    {
        if (refusal != 0)
        {
            _harness.GitHub.OverrideWhen = _ => true;
            _harness.GitHub.Override = (request, response) => Tests.GitHub.LocalGitHubServer.Json(response, refusal,
                $$"""{"message":"Bad credentials {{request.Authorization}} {{Uri.EscapeDataString(request.Authorization ?? "")}}","documentation_url":"https://docs.github.com/rest"}""");
        }

        string? failure = null;
        try
        {
            await _harness.RunAsync(command, new BuildParameters
            {
                Region = "eu-central-1", DryRun = true, Stack = "dev", Operation = "up", Trusted = true,
            });
        }
        catch (ExplainedFailure e)
        {
            failure = e.ToString();
        }

        // ::add-mask:: is how the runner learns the value: it consumes the command and prints nothing of it.
        var commands = _harness.Commands.ToString().Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal));
        var printed = string.Join('\n', _harness.Console, string.Join('\n', commands), failure ?? "", File.ReadAllText(_harness.SummaryFile),
            File.ReadAllText(_harness.OutputFile));
        foreach (var form in Forms(Token))
            Assert.DoesNotContain(form, printed, StringComparison.OrdinalIgnoreCase);
        if (refusal != 0)
            Assert.NotNull(failure);
    }

    /// <summary>The token as it is and as an answer or a message may carry it: URL-, Base64- and JSON-escaped.</summary>
    private static IEnumerable<string> Forms(string token) =>
    [
        token, Uri.EscapeDataString(token), Convert.ToBase64String(Encoding.UTF8.GetBytes(token)), token[..20],
        WebUtility.HtmlEncode(token),
    ];
}
