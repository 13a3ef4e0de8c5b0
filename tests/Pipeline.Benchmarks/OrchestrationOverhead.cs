using AssumeRolePipeline.Pipeline.Model;
using AssumeRolePipeline.Pipeline.Tests.Orchestration;
using BenchmarkDotNet.Attributes;

namespace AssumeRolePipeline.Pipeline.Benchmarks;

/// <summary>
/// Everything the pipeline does around the Pulumi operations of a whole run (settings, requests,
/// environments, masking, reports), with stacks that answer at once: what a user waits for on top
/// of Pulumi itself.
/// </summary>
[MemoryDiagnoser]
public class OrchestrationOverhead
{
    [Benchmark]
    public Task<PipelineRun> Up() => new PipelineFixture().Pipeline.UpAsync(PipelineFixture.Settings, CancellationToken.None);

    [Benchmark]
    public Task<PipelineRun> Preview()
    {
        var fixture = new PipelineFixture();
        fixture.Stacks.Deploy("create-role");
        fixture.Stacks.Deploy("assume-role");
        return fixture.Pipeline.PreviewAsync(PipelineFixture.Settings, CancellationToken.None);
    }

    [Benchmark]
    public Task<PipelineRun> Destroy()
    {
        var fixture = new PipelineFixture();
        fixture.Stacks.Deploy("create-role");
        fixture.Stacks.Deploy("assume-role");
        return fixture.Pipeline.DestroyAsync(PipelineFixture.Settings, force: false, CancellationToken.None);
    }
}
