using System.Collections.Immutable;
using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Operations.Deploy;
using AssumeRolePipeline.Pipeline.Safety.Masking;

namespace AssumeRolePipeline.Pipeline.Tests.Orchestration;

/// <summary>A pipeline over the in-memory stacks, with everything it talks to recorded.</summary>
internal sealed class PipelineFixture
{
    public InMemoryStackOperator Stacks { get; } = new();

    public FakeReadiness Readiness { get; } = new();

    public SecretMasker Masker { get; } = new();

    public RecordingOutput Output { get; } = new();

    public StackPipeline Pipeline => new(Stacks, Readiness, Masker, Output, TimeProvider.System);

    public static PipelineSettings Settings { get; } = new(
        "/repo",
        "dev",
        "us-east-1",
        "assume-role-pipeline-dev",
        new StateBackend("file:///repo/.pulumi-state", IsLocalDefault: true,
            ImmutableDictionary<string, string?>.Empty.Add("PULUMI_BACKEND_URL", "file:///repo/.pulumi-state")),
        TimeSpan.FromMinutes(2));

    public static UnprivilegedCredentials Credentials { get; } =
        new(InMemoryStackOperator.RoleArn, InMemoryStackOperator.AccessKeyId, InMemoryStackOperator.SecretAccessKey);
}
