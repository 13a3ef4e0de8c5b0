using AssumeRolePipeline.Pipeline.Benchmarks;
using BenchmarkDotNet.Running;

BenchmarkRunner.Run<OrchestrationOverhead>(args: args);
