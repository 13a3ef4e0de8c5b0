using System.Text;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>The words the renderers and the gate share, so a reviewer reads the same phrase everywhere.</summary>
internal static class IamWording
{
    public static string TypeNoun(string type)
    {
        var name = type[(type.LastIndexOf(':') + 1)..];
        var words = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
                words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }

        return words.Length > 0 ? words.ToString() : type;
    }

    public static string Subject(IamPolicyKind kind, string? policyName) => kind switch
    {
        IamPolicyKind.Trust => "trust",
        IamPolicyKind.Permissions => policyName is null ? "policy" : $"inline policy {policyName}",
        IamPolicyKind.BucketPolicy => "bucket policy",
        IamPolicyKind.Attachment => "attachment",
        IamPolicyKind.Membership => "group membership",
        _ => "exclusive list",
    };
}
