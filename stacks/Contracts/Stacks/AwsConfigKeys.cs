namespace AssumeRolePipeline.Contracts.Stacks;

/// <summary>Keys of the AWS provider's own config namespace that both stacks use.</summary>
public static class AwsConfigKeys
{
    /// <summary>The region; the only <c>aws:*</c> key the explicit provider of assume-role is given too.</summary>
    public const string Region = "aws:region";
}
