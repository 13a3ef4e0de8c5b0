namespace AssumeRolePipeline.Pipeline.Model;

/// <summary>
/// One violation the policy pack reported during a preview or update (the engine's <c>PolicyEvent</c>), its texts
/// masked. A mandatory one fails the operation before the update changes anything (the update runs only after a
/// preview that passed); an advisory one is shown and changes nothing.
/// </summary>
/// <param name="Policy">The policy's name, e.g. <c>role-allows-s3-only</c>.</param>
/// <param name="Resource">The resource's logical name (the last <c>::</c> segment of its URN); <c>the stack</c> for a stack policy.</param>
/// <param name="Message">What is wrong and what to do, on one line.</param>
/// <param name="Mandatory">Whether the violation fails the operation.</param>
public sealed record PolicyViolation(string Policy, string Resource, string Message, bool Mandatory)
{
    /// <summary>The line every medium shows: <c>&lt;policy&gt; on &lt;resource&gt;: &lt;message&gt;</c>.</summary>
    public string Line => $"{Policy} on {Resource}: {Message}";
}
