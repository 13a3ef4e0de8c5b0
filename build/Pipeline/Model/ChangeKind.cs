namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>What happens to a resource, in the five buckets a reader counts at a glance.</summary>
public enum ChangeKind
{
    Same,
    Create,
    Update,
    Replace,
    Delete,
}
