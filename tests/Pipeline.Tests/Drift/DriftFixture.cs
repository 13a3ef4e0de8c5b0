using AssumeRolePipeline.Pipeline.Operations.Drift;
using AssumeRolePipeline.Pipeline.Safety.Masking;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;

namespace AssumeRolePipeline.Pipeline.Tests.Drift;

/// <summary>A drift pipeline over the in-memory stacks, with both stacks deployed unless told otherwise.</summary>
internal sealed class DriftFixture
{
    public const string Bucket = "aws:s3/bucket:Bucket";
    public const string AccessKey = "aws:iam/accessKey:AccessKey";

    public DriftFixture(bool deployed = true)
    {
        if (!deployed)
            return;
        Stacks.Deploy("create-role");
        Stacks.Deploy("assume-role");
    }

    public InMemoryStackOperator Stacks { get; } = new();

    public FakeReadiness Readiness { get; } = new();

    public SecretMasker Masker { get; } = new();

    public RecordingOutput Output { get; } = new();

    public DriftPipeline Pipeline => new(Stacks, Readiness, Masker, Output, TimeProvider.System);

    public void Drift(string project, params RefreshEvent[] steps) => Stacks.CloudDrift[project] = [.. steps];
}
