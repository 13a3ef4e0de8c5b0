import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { roleRightsFindings, s3OnlyFindings } from "../rules/permissions";
import { Types } from "../rules/types";
import { policyWith, s3FullAccessPolicy, UNKNOWN } from "./fixtures";
import { assertOneFinding, assertSomeFinding } from "./assertions";

const allow = (action: unknown) => ({ Effect: "Allow", Action: action, Resource: "*" });

describe("the role allows S3 only", () => {
    test("the stack's own policy (PolicyDocuments.S3FullAccessPolicy: s3:*) passes", () => {
        assert.deepEqual(roleRightsFindings(Types.rolePolicy, { role: "allow-s3-management-1a2b3c", policy: s3FullAccessPolicy }), []);
    });

    test("narrower S3 actions, in any letter case, and Deny statements pass", () => {
        const policy = policyWith(allow(["s3:Get*", "S3:PutObject", "s3:List?ucket"]), { Effect: "Deny", Action: "*", Resource: "arn:aws:s3:::other" });
        assert.deepEqual(s3OnlyFindings(policy, "policy"), []);
    });

    test("\"*\" and \"*:*\" are refused", () => {
        assertOneFinding(s3OnlyFindings(policyWith(allow("*")), "policy"), /^policy statement 1 allows "\*", which is not an S3 action: keep the role to S3/);
        assertOneFinding(s3OnlyFindings(policyWith(allow("*:*")), "policy"), /allows "\*:\*", which is not an S3 action/);
    });

    test("iam:PassRole, iam:*, sts:AssumeRole and sts:* are refused, each named", () => {
        const findings = s3OnlyFindings(policyWith(allow(["s3:*", "iam:PassRole", "iam:*"]), allow(["sts:AssumeRole", "sts:*"])), "policy");
        assert.equal(findings.length, 4);
        assertSomeFinding(findings, /statement 1 allows "iam:PassRole"/);
        assertSomeFinding(findings, /statement 1 allows "iam:\*"/);
        assertSomeFinding(findings, /statement 2 allows "sts:AssumeRole"/);
        assertSomeFinding(findings, /statement 2 allows "sts:\*"/);
    });

    test("service prefixes that only look like S3 are refused", () => {
        for (const action of ["s3*", "s3*:*", "s3?:GetObject", "s3express:*", "s3-object-lambda:*", "s3:", " s3:*"]) {
            assertOneFinding(s3OnlyFindings(policyWith(allow(action)), "policy"), /which is not an S3 action/);
        }
    });

    test("NotAction is refused", () => {
        assertOneFinding(s3OnlyFindings(policyWith({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }), "policy"), /allows NotAction, i.e. every action it does not list/);
    });

    test("a statement with no Action, or no Effect, is judged as allowing", () => {
        assertOneFinding(s3OnlyFindings(policyWith({ Effect: "Allow", Resource: "*" }), "policy"), /statement 1 has no Action/);
        assertOneFinding(s3OnlyFindings(policyWith({ Action: "ec2:*", Resource: "*" }), "policy"), /allows "ec2:\*"/);
    });

    test("a policy that is not a document is refused", () => {
        assertOneFinding(s3OnlyFindings("s3:*", "policy"), /^policy is not an IAM policy document \(it is not valid JSON\)/);
    });

    test("a role's inline policies are checked too, and managed policy ARNs on it refused", () => {
        const inlinePolicies = [{ name: "ok", policy: s3FullAccessPolicy }, { name: "bad", policy: policyWith(allow("iam:*")) }];
        assertOneFinding(roleRightsFindings(Types.role, { inlinePolicies }), /^inlinePolicies\[1\]\.policy statement 1 allows "iam:\*"/);
        assertOneFinding(roleRightsFindings(Types.role, { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] }), /^managedPolicyArns is \["arn:aws:iam::aws:policy\/AmazonS3FullAccess"\]: a managed policy .* cannot be proved S3-only/);
        assert.deepEqual(roleRightsFindings(Types.role, { managedPolicyArns: [] }), []);
    });

    test("any managed policy attachment to a role is refused, even one named like S3", () => {
        assertOneFinding(roleRightsFindings(Types.rolePolicyAttachment, { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }), /^policyArn is "arn:aws:iam::aws:policy\/AmazonS3FullAccess": a managed policy/);
        assertOneFinding(roleRightsFindings(Types.rolePolicyAttachment, { role: "r", policyArn: UNKNOWN }), /^policyArn is \(not known yet\): a managed policy/);
        assertOneFinding(roleRightsFindings(Types.policyAttachment, { roles: ["r"], policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), /^roles is \["r"\]/);
        assertOneFinding(roleRightsFindings(Types.rolePolicyAttachmentsExclusive, { roleName: "r", policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }), /^policyArns is/);
        assert.deepEqual(roleRightsFindings(Types.rolePolicyAttachmentsExclusive, { roleName: "r", policyArns: [] }), []);
    });

    test("a value unknown at preview is no violation", () => {
        assert.deepEqual(roleRightsFindings(Types.rolePolicy, { role: UNKNOWN, policy: UNKNOWN }), []);
        assert.deepEqual(roleRightsFindings(Types.rolePolicy, { role: "r" }), []);
        assert.deepEqual(s3OnlyFindings({ Version: "2012-10-17", Statement: [allow(UNKNOWN)] }, "policy"), []);
        assert.deepEqual(roleRightsFindings(Types.rolePolicyAttachmentsExclusive, { roleName: "r", policyArns: UNKNOWN }), []);
        assert.deepEqual(roleRightsFindings(Types.policyAttachment, { roles: UNKNOWN, policyArn: "arn" }), []);
    });

    test("resources of other types are not concerned", () => {
        for (const type of [Types.user, Types.bucket, "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "aws:iam/accessKey:AccessKey", "pulumi:providers:aws"]) {
            assert.deepEqual(roleRightsFindings(type, { policy: policyWith(allow("*")), policyArns: ["x"], managedPolicyArns: ["x"] }), []);
        }
    });
});
