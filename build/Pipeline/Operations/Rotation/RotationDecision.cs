namespace AssumeRolePipeline.Pipeline.Operations.Rotation;

/// <summary>Whether this run rotates the key, and why, in words the summary shows.</summary>
/// <param name="Age">The key's age, when create-role exports its creation date.</param>
public sealed record RotationDecision(bool Rotate, string Reason, TimeSpan? Age)
{
    /// <param name="created">The key's creation date (<c>accessKeyCreated</c>); null when unknown.</param>
    /// <param name="maxAge">Rotate only a key older than this; null rotates now.</param>
    public static RotationDecision For(string accessKeyId, DateTimeOffset? created, TimeSpan? maxAge, DateTimeOffset now)
    {
        var age = created is { } date ? now - date : (TimeSpan?)null;
        var key = age is { } known ? $"The key {accessKeyId} is {KeyAge.Describe(known)}" : $"The age of the key {accessKeyId} is unknown";
        if (maxAge is null)
            return new(true, $"{key}; no --max-key-age was given: rotating it now.", age);
        if (age is null)
        {
            return new(true, $"{key}: create-role does not export accessKeyCreated yet (it was deployed before it did), " +
                             $"so it counts as older than --max-key-age {KeyAge.Days(maxAge.Value)}: rotating it.", null);
        }

        return age > maxAge
            ? new(true, $"{key}, older than --max-key-age {KeyAge.Days(maxAge.Value)}: rotating it.", age)
            : new(false, $"{key}, not older than --max-key-age {KeyAge.Days(maxAge.Value)}: not rotated.", age);
    }
}
