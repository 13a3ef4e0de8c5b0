using System.Collections.Immutable;
using System.Text.Json;
using Pulumi;
using Pulumi.Testing;

namespace AssumeRolePipeline.Stacks.Tests;

/// <summary>Runs one stack under mocks with the given config, the way the Pulumi CLI would hand it over.</summary>
internal static class MockDeployment
{
    public static async Task<(TStack Stack, ImmutableArray<Resource> Resources)> RunAsync<TStack>(
        RecordingMocks mocks, string project, IReadOnlyDictionary<string, string> config, string stack = "dev")
        where TStack : Stack, new()
    {
        // Pulumi reads a test deployment's config from this variable; tests run one at a time.
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
        var resources = await Deployment.TestAsync<TStack>(
            mocks, new TestOptions { ProjectName = project, StackName = stack, IsPreview = false });
        return (resources.OfType<TStack>().Single(), resources);
    }

    /// <summary>Every message of an exception and those inside it: Pulumi wraps program errors.</summary>
    public static string Messages(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(" | ", aggregate.InnerExceptions.Select(Messages)),
        { InnerException: { } inner } => exception.Message + " | " + Messages(inner),
        _ => exception.Message,
    };
}
