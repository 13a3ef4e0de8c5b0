namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>Where the pipeline reports as it goes. Every text it is given has already been masked.</summary>
public interface IPipelineOutput
{
    /// <summary>A step of the pipeline itself: a stage starting, a wait, a hand-off.</summary>
    void Progress(string message);

    /// <summary>One line of Pulumi's own output.</summary>
    void PulumiLine(string line);

    void Warning(string message);
}
