using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace AssumeRolePipeline.Stacks.Tests;

/// <summary>Answers like AWS would (ARNs, ids, secrets) and records every resource registration.</summary>
internal sealed class RecordingMocks : IMocks
{
    public const string Account = "123456789012";
    public const string AccessKeyId = "AKIAMOCKMOCKMOCKMOCK";
    public const string SecretKey = "mock/secret+access/key";
    public const string KeyCreated = "2026-01-15T10:20:30Z";

    public ConcurrentQueue<MockResourceArgs> Registrations { get; } = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Registrations.Enqueue(args);
        var name = args.Name ?? "unnamed";
        var state = args.Inputs.ToBuilder();
        string? id = $"{name}-id";
        switch (args.Type)
        {
            case "aws:iam/user:User":
                state["arn"] = $"arn:aws:iam::{Account}:user/{args.Inputs["name"]}";
                id = (string)args.Inputs["name"];
                break;
            case "aws:iam/role:Role":
                state["name"] = $"{name}-1a2b3c";
                state["arn"] = $"arn:aws:iam::{Account}:role/{name}-1a2b3c";
                id = $"{name}-1a2b3c";
                break;
            case "aws:iam/rolePolicy:RolePolicy":
                state["name"] = $"{name}-4d5e6f"; // auto-named by Pulumi when the program gives no name
                break;
            case "aws:iam/accessKey:AccessKey":
                state["secret"] = SecretKey;
                state["createDate"] = KeyCreated;
                id = AccessKeyId;
                break;
            case "aws:s3/bucket:Bucket":
                state["bucket"] = $"{name}-9f8e7d";
                state["arn"] = $"arn:aws:s3:::{name}-9f8e7d";
                id = $"{name}-9f8e7d";
                break;
        }

        return Task.FromResult<(string? id, object state)>((id, state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);

    public MockResourceArgs Single(string type) => Assert.Single(Registrations, r => r.Type == type);
}
