// The type tokens the rules look at (Pulumi AWS provider v7; the deprecated spellings too, so that
// switching to one of them is no way around a rule).
export const Types = {
    user: "aws:iam/user:User",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
    groupMembership: "aws:iam/groupMembership:GroupMembership",
    userPoliciesExclusive: "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
    userPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketAcl: "aws:s3/bucketAcl:BucketAcl",
    bucketAclV2: "aws:s3/bucketAclV2:BucketAclV2",
    bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
} as const;

/** A resource as the stack policies see it: its type, URN, properties and (for custom resources) provider. */
export interface StackResource {
    readonly type: string;
    readonly urn: string;
    readonly props: Readonly<Record<string, unknown>>;
    readonly provider?: { readonly urn: string };
}

/** A violation a stack policy found, and the resource it is about. */
export interface StackFinding {
    readonly urn: string;
    readonly message: string;
}
