// What the two stacks give the engine, spelled as stacks/Contracts/Policies/PolicyDocuments.cs writes it
// (compact JSON, one statement) and with the names of stacks/CreateRole and stacks/AssumeRole.
import { StackResource, Types } from "../rules/types";

/** Pulumi's unknown string sentinel: what a value not known at preview arrives as. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const account = "123456789012";
export const userArn = `arn:aws:iam::${account}:user/assume-role-pipeline-dev`;

/** PolicyDocuments.TrustPolicy(userArn). */
export function trustPolicy(principalArn: string = userArn): string {
    return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${principalArn}"},"Action":"sts:AssumeRole"}]}`;
}

/** PolicyDocuments.S3FullAccessPolicy(). */
export const s3FullAccessPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`;

/** A trust policy with the given statement(s) in place of the stack's one. */
export function trustWith(...statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A permission policy with the given statement(s). */
export function policyWith(...statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function urn(stack: string, project: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

const createRole = (type: string, name: string) => urn("dev", "create-role", type, name);
const assumeRole = (type: string, name: string) => urn("dev", "assume-role", type, name);

export const createRoleDefaultProvider = { urn: createRole("pulumi:providers:aws", "default_7_4_0") };
export const assumeRoleProvider = { urn: assumeRole("pulumi:providers:aws", "assume-role") };
export const assumeRoleDefaultProvider = { urn: assumeRole("pulumi:providers:aws", "default_7_4_0") };

const tags = { Project: "create-role", Stack: "dev", ManagedBy: "assume-role-pipeline" };

/** The resources of create-role after an update (outputs known), as the stack policies see them. */
export function createRoleStack(options: { arn?: string; trust?: string } = {}): StackResource[] {
    const provider = createRoleDefaultProvider;
    return [
        { type: "pulumi:pulumi:Stack", urn: createRole("pulumi:pulumi:Stack", "create-role-dev"), props: {} },
        { type: "pulumi:providers:aws", urn: provider.urn, props: { region: "eu-west-1" } },
        { type: Types.user, urn: createRole(Types.user, "unprivileged-user"), provider, props: { name: "assume-role-pipeline-dev", arn: options.arn ?? userArn, tags } },
        { type: "aws:iam/accessKey:AccessKey", urn: createRole("aws:iam/accessKey:AccessKey", "unprivileged-user-key"), provider, props: { user: "assume-role-pipeline-dev" } },
        { type: Types.role, urn: createRole(Types.role, "allow-s3-management"), provider, props: { description: "Assumed by assume-role-pipeline-dev to manage S3 (dev)", assumeRolePolicy: options.trust ?? trustPolicy(), tags } },
        { type: Types.rolePolicy, urn: createRole(Types.rolePolicy, "allow-s3-management-policy"), provider, props: { role: "allow-s3-management-1a2b3c", policy: s3FullAccessPolicy } },
        { type: Types.userPoliciesExclusive, urn: createRole(Types.userPoliciesExclusive, "unprivileged-user-no-inline-policies"), provider, props: { userName: "assume-role-pipeline-dev", policyNames: [] } },
        { type: Types.userPolicyAttachmentsExclusive, urn: createRole(Types.userPolicyAttachmentsExclusive, "unprivileged-user-no-managed-policies"), provider, props: { userName: "assume-role-pipeline-dev", policyArns: [] } },
        { type: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", urn: createRole("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "allow-s3-management-only-its-policy"), provider, props: { roleName: "allow-s3-management-1a2b3c", policyNames: ["allow-s3-management-policy-4d5e6f"] } },
        { type: Types.rolePolicyAttachmentsExclusive, urn: createRole(Types.rolePolicyAttachmentsExclusive, "allow-s3-management-no-managed-policies"), provider, props: { roleName: "allow-s3-management-1a2b3c", policyArns: [] } },
    ];
}

/** The resources of assume-role: its explicit provider and the bucket made through it (null: no provider). */
export function assumeRoleStack(bucketProvider: { urn: string } | null = assumeRoleProvider): StackResource[] {
    return [
        { type: "pulumi:pulumi:Stack", urn: assumeRole("pulumi:pulumi:Stack", "assume-role-dev"), props: {} },
        { type: "pulumi:providers:aws", urn: assumeRoleProvider.urn, props: { region: "eu-west-1" } },
        { type: Types.bucket, urn: assumeRole(Types.bucket, "bucket"), provider: bucketProvider ?? undefined, props: { forceDestroy: false, bucket: "bucket-9f8e7d" } },
    ];
}
