namespace AssumeRolePipeline.Pipeline.Safety.Readiness;

/// <summary>What must work before the unprivileged stage starts: this role, assumed with these options.</summary>
public sealed record ReadinessTarget(string Region, string RoleArn, string SessionName, string? ExternalId = null);
