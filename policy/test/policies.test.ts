import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { policies } from "../policies";
import { StackResource, Types } from "../rules/types";
import { assumeRoleDefaultProvider, assumeRoleStack, createRoleStack, s3FullAccessPolicy, trustPolicy, UNKNOWN } from "./fixtures";

// The pack's own policy objects, called the way @pulumi/policy calls them: with args carrying the
// resource's type and properties, and a reportViolation that collects what they report.

// @pulumi/policy wraps the properties it hands to a policy in this proxy (reading an unknown through it
// throws); the tests wrap theirs in the same, the library's own.
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(props: T): T };

const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p);
const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p);

interface Violation { readonly policy: string; readonly message: string; readonly urn?: string }

const options = {
    protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

function resourceArgs(r: StackResource): ResourceValidationArgs {
    return {
        type: r.type,
        props: unknownCheckingProxy({ ...r.props }),
        urn: r.urn,
        name: r.urn.split("::").pop() ?? "",
        opts: options,
        provider: r.provider === undefined ? undefined : { type: "pulumi:providers:aws", urn: r.provider.urn, name: r.provider.urn.split("::").pop() ?? "", props: {} },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({}) as T,
        notApplicable: (reason?: string): never => { throw new Error(`not applicable: ${reason}`); },
    };
}

function stackArgs(resources: readonly StackResource[]): StackValidationArgs {
    return {
        resources: resources.map((r): PolicyResource => ({
            ...resourceArgs(r),
            dependencies: [],
            propertyDependencies: {},
            asType: () => undefined,
        })),
        stackTags: new Map(),
        getConfig: <T extends object>() => ({}) as T,
        notApplicable: (reason?: string): never => { throw new Error(`not applicable: ${reason}`); },
    };
}

async function runResourcePolicies(r: StackResource): Promise<Violation[]> {
    const found: Violation[] = [];
    for (const p of resourcePolicies) {
        const report: ReportViolation = (message, urn) => found.push({ policy: p.name, message, urn });
        const validations = p.validateResource === undefined ? [] : Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
        for (const validate of validations) {
            await validate(resourceArgs(r), report);
        }
    }
    return found;
}

async function runStackPolicies(resources: readonly StackResource[]): Promise<Violation[]> {
    const found: Violation[] = [];
    for (const p of stackPolicies) {
        await p.validateStack(stackArgs(resources), (message, urn) => found.push({ policy: p.name, message, urn }));
    }
    return found;
}

async function runAll(resources: readonly StackResource[]): Promise<Violation[]> {
    const perResource = await Promise.all(resources.map(runResourcePolicies));
    return [...perResource.flat(), ...(await runStackPolicies(resources))];
}

const role = (props: Record<string, unknown>): StackResource => ({ type: Types.role, urn: "urn:pulumi:dev::create-role::aws:iam/role:Role::r", props });

describe("the policy pack's policies", () => {
    test("the pack declares its mandatory policies and one advisory, each named once and described", () => {
        const names = policies.map(p => p.name);
        assert.equal(new Set(names).size, names.length);
        assert.deepEqual(policies.filter(p => p.enforcementLevel === "mandatory").map(p => p.name).sort(), [
            "bucket-is-not-public", "bucket-uses-explicit-provider", "role-allows-s3-only",
            "role-trusts-exactly-one-iam-user", "role-trusts-this-stacks-user", "unprivileged-user-has-no-rights",
        ]);
        assert.deepEqual(policies.filter(p => p.enforcementLevel === "advisory").map(p => p.name), ["role-session-at-most-one-hour"]);
        policies.forEach(p => assert.ok(p.description.length > 0, p.name));
    });

    test("create-role and assume-role, as the stacks make them, violate nothing", async () => {
        assert.deepEqual(await runAll(createRoleStack()), []);
        assert.deepEqual(await runAll(assumeRoleStack()), []);
    });

    test("at preview (user ARN and trust policy unknown, read through @pulumi/policy's proxy) nothing is reported", async () => {
        assert.deepEqual(await runAll(createRoleStack({ arn: UNKNOWN, trust: UNKNOWN })), []);
    });

    test("each broken invariant is reported by its own policy, and only by it", async () => {
        const cases: [string, StackResource[]][] = [
            ["role-trusts-exactly-one-iam-user", createRoleStack({ trust: trustPolicy("*") })],
            ["role-allows-s3-only", [{ type: Types.rolePolicy, urn: "urn:pulumi:dev::create-role::aws:iam/rolePolicy:RolePolicy::p", props: { role: "r", policy: s3FullAccessPolicy.replace("s3:*", "iam:PassRole") } }]],
            ["role-allows-s3-only", [{ type: Types.rolePolicyAttachment, urn: "urn:pulumi:dev::create-role::aws:iam/rolePolicyAttachment:RolePolicyAttachment::a", props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" } }]],
            ["unprivileged-user-has-no-rights", [{ type: Types.userGroupMembership, urn: "urn:pulumi:dev::create-role::aws:iam/userGroupMembership:UserGroupMembership::g", props: { user: "u", groups: ["admins"] } }]],
            ["bucket-is-not-public", [{ type: Types.bucket, urn: "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket", provider: assumeRoleStack()[1], props: { acl: "public-read" } }]],
            ["bucket-uses-explicit-provider", assumeRoleStack(assumeRoleDefaultProvider)],
            ["role-trusts-this-stacks-user", createRoleStack({ trust: trustPolicy("arn:aws:iam::123456789012:user/someone-else") })],
            ["role-session-at-most-one-hour", [role({ assumeRolePolicy: UNKNOWN, maxSessionDuration: 43200 })]],
        ];
        for (const [policy, resources] of cases) {
            const found = await runAll(resources);
            assert.ok(found.length > 0, `${policy}: nothing reported`);
            assert.deepEqual([...new Set(found.map(v => v.policy))], [policy], JSON.stringify(found));
        }
    });

    test("stack policies report on the offending resource's URN", async () => {
        const [finding] = await runStackPolicies(assumeRoleStack(assumeRoleDefaultProvider));
        assert.equal(finding.urn, "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket");
    });

    test("through the proxy, a known violation is reported even when other properties are unknown", async () => {
        const found = await runResourcePolicies({ type: Types.bucket, urn: "urn:pulumi:dev::assume-role::aws:s3/bucket:Bucket::bucket", props: { bucket: UNKNOWN, policy: UNKNOWN, acl: "public-read-write" } });
        assert.deepEqual(found.map(v => v.policy), ["bucket-is-not-public"]);
        assert.match(found[0].message, /^acl is "public-read-write"/);
    });

    test("resources of other types are left alone", async () => {
        const others: StackResource[] = [
            { type: "aws:iam/accessKey:AccessKey", urn: "urn:pulumi:dev::create-role::aws:iam/accessKey:AccessKey::k", props: { user: "u" } },
            { type: "aws:s3/bucketObject:BucketObject", urn: "urn:pulumi:dev::assume-role::aws:s3/bucketObject:BucketObject::o", props: { acl: "public-read", bucket: "b" } },
            { type: "aws:iam/groupPolicy:GroupPolicy", urn: "urn:pulumi:dev::create-role::aws:iam/groupPolicy:GroupPolicy::g", props: { group: "g", policy: `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}` } },
            { type: "pulumi:providers:aws", urn: "urn:pulumi:dev::assume-role::pulumi:providers:aws::default_7_4_0", props: {} },
        ];
        assert.deepEqual(await runAll(others), []);
    });
});
