namespace AssumeRolePipeline.Pipeline.Model;

public enum StackOperation
{
    Preview,
    Up,
    Destroy,

    /// <summary>A preview-only refresh: what differs between the cloud and the state; changes nothing.</summary>
    Drift,

    /// <summary>A refresh: the state adopts what is in the cloud.</summary>
    Refresh,

    /// <summary>An update with refresh: the cloud is brought back to the program.</summary>
    Remediate,
}
