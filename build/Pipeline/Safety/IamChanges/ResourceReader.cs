using System.Text.Json.Nodes;

namespace AssumeRolePipeline.Pipeline.Safety.IamChanges;

/// <summary>
/// Which resources declare IAM access, and where in their inputs: policies (trust, identity, bucket),
/// attachments, group memberships and the exclusive declarations. Only these fields are read, so nothing
/// else a resource carries can reach a report.
/// </summary>
internal static class ResourceReader
{
    private const string AttachedHolderText = "whoever it is attached to";

    public static IEnumerable<Facet> Read(string type, string name, IReadOnlyDictionary<string, object?>? old, IReadOnlyDictionary<string, object?>? @new)
    {
        var where = $"the policy of {type} '{name}'";
        return type switch
        {
            "aws:iam/role:Role" => Role(type, name, old, @new),
            "aws:iam/rolePolicy:RolePolicy" => [Policy(IamPolicyKind.Permissions, old, @new, "policy", i => Identity(i, "role", "role"), where)],
            "aws:iam/userPolicy:UserPolicy" => [Policy(IamPolicyKind.Permissions, old, @new, "policy", i => Identity(i, "user", "user"), where)],
            "aws:iam/groupPolicy:GroupPolicy" => [Policy(IamPolicyKind.Permissions, old, @new, "policy", i => Identity(i, "group", "group"), where)],
            "aws:iam/policy:Policy" => [Policy(IamPolicyKind.Permissions, old, @new, "policy", _ => Term.Of(AttachedHolderText, "attached"), where)],
            "aws:s3/bucketPolicy:BucketPolicy" or "aws:s3/bucket:Bucket" or "aws:s3/bucketV2:BucketV2" =>
                [Policy(IamPolicyKind.BucketPolicy, old, @new, "policy", _ => Term.None, where)],
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment" => [Pairs(IamPolicyKind.Attachment, old, @new, i => Attachments(i, "role", "role"))],
            "aws:iam/userPolicyAttachment:UserPolicyAttachment" => [Pairs(IamPolicyKind.Attachment, old, @new, i => Attachments(i, "user", "user"))],
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment" => [Pairs(IamPolicyKind.Attachment, old, @new, i => Attachments(i, "group", "group"))],
            "aws:iam/policyAttachment:PolicyAttachment" => [Pairs(IamPolicyKind.Attachment, old, @new, SharedAttachment)],
            "aws:iam/userGroupMembership:UserGroupMembership" =>
                [Pairs(IamPolicyKind.Membership, old, @new, i => List(i, "groups", Identity(i, "user", "user"), g => Named("group", g), whoIsSingle: true))],
            "aws:iam/groupMembership:GroupMembership" =>
                [Pairs(IamPolicyKind.Membership, old, @new, i => List(i, "users", Identity(i, "group", "group"), u => Named("user", u), whoIsSingle: false))],
            "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive" => [Exclusive(old, @new, "roleName", "role", "policyNames")],
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive" => [Exclusive(old, @new, "roleName", "role", "policyArns")],
            "aws:iam/userPoliciesExclusive:UserPoliciesExclusive" => [Exclusive(old, @new, "userName", "user", "policyNames")],
            "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive" => [Exclusive(old, @new, "userName", "user", "policyArns")],
            "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive" => [Exclusive(old, @new, "groupName", "group", "policyNames")],
            "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive" => [Exclusive(old, @new, "groupName", "group", "policyArns")],
            _ => [],
        };
    }

    private static IEnumerable<Facet> Role(string type, string name, IReadOnlyDictionary<string, object?>? old, IReadOnlyDictionary<string, object?>? @new)
    {
        yield return Policy(IamPolicyKind.Trust, old, @new, "assumeRolePolicy", _ => Term.None, $"the trust policy of {type} '{name}'");

        Term Holder(IReadOnlyDictionary<string, object?> inputs) =>
            InputValues.Field(inputs, "name") is { } given ? Identity(given, "role") : Named("role", JsonValue.Create(name));

        var oldInline = InlinePolicies(old);
        var newInline = InlinePolicies(@new);
        if (oldInline is null || newInline is null)
        {
            yield return new(IamPolicyKind.Permissions, "(all inline policies)",
                oldInline is null ? FacetState.Unknown : FacetState.Absent, newInline is null ? FacetState.Unknown : FacetState.Absent);
        }
        else
        {
            foreach (var policyName in oldInline.Keys.Union(newInline.Keys, StringComparer.Ordinal))
            {
                var at = $"inline policy '{policyName}' of {type} '{name}'";
                yield return new(IamPolicyKind.Permissions, policyName,
                    oldInline.TryGetValue(policyName, out var before) ? PolicyParser.Parse(before, Holder(old!), at) : FacetState.Absent,
                    newInline.TryGetValue(policyName, out var after) ? PolicyParser.Parse(after, Holder(@new!), at) : FacetState.Absent);
            }
        }

        // The deprecated managedPolicyArns attaches policies exclusively, like RolePolicyAttachmentsExclusive.
        yield return Pairs(IamPolicyKind.Attachment, old, @new,
            inputs => List(inputs, "managedPolicyArns", Holder(inputs), arn => Value(arn), whoIsSingle: true));
    }

    /// <returns>Inline policies by name; null when the list is unknown until the update.</returns>
    private static Dictionary<string, JsonNode?>? InlinePolicies(IReadOnlyDictionary<string, object?>? inputs)
    {
        var node = InputValues.Field(inputs, "inlinePolicies");
        if (InputValues.IsUnknown(node))
            return null;
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var item in node as JsonArray ?? [])
        {
            // An entry without a name is how the provider is told to remove every inline policy.
            if (item is JsonObject entry && InputValues.Text(entry["name"]) is { Length: > 0 } policyName)
                result[policyName] = entry["policy"];
        }

        return result;
    }

    private static Facet Policy(
        IamPolicyKind kind, IReadOnlyDictionary<string, object?>? old, IReadOnlyDictionary<string, object?>? @new,
        string field, Func<IReadOnlyDictionary<string, object?>, Term> holder, string where)
    {
        FacetState Side(IReadOnlyDictionary<string, object?>? inputs) =>
            inputs is null ? FacetState.Absent : PolicyParser.Parse(InputValues.Field(inputs, field), holder(inputs), where);
        return new(kind, null, Side(old), Side(@new));
    }

    private static Facet Pairs(
        IamPolicyKind kind, IReadOnlyDictionary<string, object?>? old, IReadOnlyDictionary<string, object?>? @new,
        Func<IReadOnlyDictionary<string, object?>, FacetState> read) =>
        new(kind, null, old is null ? FacetState.Absent : read(old), @new is null ? FacetState.Absent : read(@new));

    private static Facet Exclusive(IReadOnlyDictionary<string, object?>? old, IReadOnlyDictionary<string, object?>? @new, string identityField, string noun, string listField) =>
        Pairs(IamPolicyKind.ExclusiveList, old, @new, inputs => List(inputs, listField, Identity(inputs, identityField, noun), Value, whoIsSingle: true));

    private static FacetState Attachments(IReadOnlyDictionary<string, object?> inputs, string field, string noun) =>
        FacetState.Known([Relation(Identity(inputs, field, noun), Value(InputValues.Field(inputs, "policyArn")))]);

    private static FacetState SharedAttachment(IReadOnlyDictionary<string, object?> inputs)
    {
        var arn = Value(InputValues.Field(inputs, "policyArn"));
        var grants = new List<Grant>();
        foreach (var (field, noun) in new[] { ("roles", "role"), ("users", "user"), ("groups", "group") })
        {
            var state = List(inputs, field, arn, identity => Named(noun, identity), whoIsSingle: false);
            if (state.Status == FacetStatus.Unknown)
                return state;
            grants.AddRange(state.Grants);
        }

        return FacetState.Known(grants);
    }

    /// <summary>
    /// One relation per element of the list <paramref name="field"/>, paired with <paramref name="single"/>:
    /// as the identity when <paramref name="whoIsSingle"/>, else as what the listed identities get.
    /// </summary>
    private static FacetState List(
        IReadOnlyDictionary<string, object?> inputs, string field, Term single, Func<JsonNode?, Term> element, bool whoIsSingle)
    {
        var node = InputValues.Field(inputs, field);
        if (InputValues.IsUnknown(node))
            return FacetState.Unknown;
        var items = node switch
        {
            null => [],
            JsonArray array => array.ToList(),
            _ => [node],
        };
        return FacetState.Known(items.Select(element).Select(term => whoIsSingle ? Relation(single, term) : Relation(term, single)));
    }

    private static Grant Relation(Term who, Term what) => new(null, who, what, Term.None, ConditionSet.Empty);

    private static Term Identity(IReadOnlyDictionary<string, object?> inputs, string field, string noun) =>
        Identity(InputValues.Field(inputs, field), noun);

    private static Term Identity(JsonNode? node, string noun) => Named(noun, node);

    private static Term Named(string noun, JsonNode? node) => Value(node) switch
    {
        { Kind: TermKind.Value } term => Term.Of($"{noun} {term.Text}", $"{noun}{Term.Separator}{term.Key}"),
        var special => special,
    };

    private static Term Value(JsonNode? node)
    {
        if (InputValues.IsUnknown(node))
            return Term.Unknown;
        if (InputValues.IsSecret(node))
            return Term.Secret;
        var text = InputValues.Text(node) ?? node?.ToJsonString() ?? string.Empty;
        return text.Length == 0 ? Term.None : Term.Of(text, text);
    }
}
