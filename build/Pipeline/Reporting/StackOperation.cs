namespace AssumeRolePipeline.Pipeline.Reporting;

public enum StackOperation
{
    Preview,
    Up,
    Destroy,
}
