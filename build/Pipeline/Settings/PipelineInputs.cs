namespace AssumeRolePipeline.Pipeline.Settings;

/// <summary>What the user passed on the command line or in the environment, before defaults and checks.</summary>
public sealed record PipelineInputs(
    string? Stack = null,
    string? Region = null,
    string? UnprivilegedUser = null,
    string? Backend = null,
    int? ReadinessTimeoutSeconds = null,
    string? ExternalId = null,
    string? SessionDuration = null);
