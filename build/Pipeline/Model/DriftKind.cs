namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>What happened to a resource outside the program.</summary>
public enum DriftKind
{
    /// <summary>It exists, but some of its properties differ from the state.</summary>
    ChangedOutOfBand,

    /// <summary>The state has it; the cloud no longer does.</summary>
    DeletedOutOfBand,
}
