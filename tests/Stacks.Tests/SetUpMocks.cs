using System.Collections.Immutable;
using Pulumi.Testing;

namespace AssumeRolePipeline.Stacks.Tests;

/// <summary>
/// <see cref="RecordingMocks"/>, plus the ARNs AWS gives what only the set-up makes: a managed policy
/// (<c>arn:aws:iam::ACCOUNT:policy/NAME</c>) and an OIDC provider (<c>arn:aws:iam::ACCOUNT:oidc-provider/HOST</c>).
/// </summary>
internal sealed class SetUpMocks : IMocks
{
    public RecordingMocks Recorded { get; } = new();

    public async Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        var (id, state) = await Recorded.NewResourceAsync(args);
        var answered = (ImmutableDictionary<string, object>)state;
        return args.Type switch
        {
            "aws:iam/policy:Policy" => ($"arn:aws:iam::{RecordingMocks.Account}:policy/{args.Inputs["name"]}",
                answered.SetItem("arn", $"arn:aws:iam::{RecordingMocks.Account}:policy/{args.Inputs["name"]}")),
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider" => ($"arn:aws:iam::{RecordingMocks.Account}:oidc-provider/token.actions.githubusercontent.com",
                answered.SetItem("arn", $"arn:aws:iam::{RecordingMocks.Account}:oidc-provider/token.actions.githubusercontent.com")),
            "aws:iam/role:Role" => ((string)args.Inputs["name"], answered
                .SetItem("name", args.Inputs["name"])
                .SetItem("arn", $"arn:aws:iam::{RecordingMocks.Account}:role/{args.Inputs["name"]}")),
            _ => (id, answered),
        };
    }

    public Task<object> CallAsync(MockCallArgs args) => Recorded.CallAsync(args);

    public MockResourceArgs Single(string type) => Recorded.Single(type);
}
