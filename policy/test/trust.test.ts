import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { trustedPrincipal, trustPolicyFindings, trustsOwnUserFindings } from "../rules/trust";
import { Types } from "../rules/types";
import { account, createRoleStack, trustPolicy, trustWith, UNKNOWN, userArn } from "./fixtures";
import { assertOneFinding, assertSomeFinding } from "./assertions";

const allow = (principal: unknown, action: unknown = "sts:AssumeRole") => ({ Effect: "Allow", Principal: principal, Action: action });

describe("trust policy (assumeRolePolicy of aws:iam/role:Role)", () => {
    test("the stack's own trust policy, as PolicyDocuments.TrustPolicy writes it, passes", () => {
        assert.deepEqual(trustPolicyFindings(trustPolicy()), []);
    });

    test("a user name with every character IAM allows, and a user path, pass", () => {
        assert.deepEqual(trustPolicyFindings(trustPolicy(`arn:aws:iam::${account}:user/ci+deploy=1,x@corp`)), []);
        assert.deepEqual(trustPolicyFindings(trustPolicy(`arn:aws-us-gov:iam::${account}:user/team/ops/deployer`)), []);
    });

    test("the provider's object form of the document is read like the JSON string", () => {
        assert.deepEqual(trustPolicyFindings(JSON.parse(trustPolicy())), []);
        assertSomeFinding(trustPolicyFindings({ Version: "2012-10-17", Statement: [allow("*")] }), /Principal "\*" \(anyone/);
    });

    test("Principal \"*\" is refused", () => {
        assertOneFinding(trustPolicyFindings(trustWith(allow("*"))), /^assumeRolePolicy trusts Principal "\*" \(anyone at all\)/);
    });

    test("Principal {\"AWS\":\"*\"} is refused", () => {
        assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: "*" }))), /Principal\.AWS "\*", which is any AWS principal/);
    });

    test("an account root ARN, a bare account id and another account's root are refused", () => {
        assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: `arn:aws:iam::${account}:root` }))), /which is a whole account/);
        assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: account }))), /"123456789012", which is a whole account/);
        assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: "arn:aws:iam::999999999999:root" }))), /which is a whole account/);
    });

    test("a role, an assumed-role session or a malformed ARN is not an IAM user", () => {
        for (const principal of [
            `arn:aws:iam::${account}:role/admin`,
            `arn:aws:sts::${account}:assumed-role/admin/session`,
            `arn:aws:iam::${account}:user/`,
            `arn:aws:iam::1234:user/short-account`,
            `${userArn}\n`,
        ]) {
            assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: principal }))), /which is not an IAM user ARN/);
        }
    });

    test("two principals are refused, even two users", () => {
        const two = [userArn, `arn:aws:iam::${account}:user/someone-else`];
        assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: two }))), /trusts 2 AWS principals/);
    });

    test("a service, federated or canonical-user principal is refused", () => {
        assertSomeFinding(trustPolicyFindings(trustWith(allow({ Service: "ec2.amazonaws.com" }))), /trusts a Service principal "ec2.amazonaws.com"/);
        assertSomeFinding(trustPolicyFindings(trustWith(allow({ AWS: userArn, Federated: "cognito-identity.amazonaws.com" }))), /trusts a Federated principal/);
        assertSomeFinding(trustPolicyFindings(trustWith(allow({ CanonicalUser: "abc" }))), /trusts a CanonicalUser principal/);
    });

    test("NotPrincipal is refused", () => {
        assertOneFinding(trustPolicyFindings(trustWith({ Effect: "Allow", NotPrincipal: { AWS: userArn }, Action: "sts:AssumeRole" })), /uses NotPrincipal, which trusts everyone it does not list/);
    });

    test("NotAction is refused, whatever the letter case of the element", () => {
        assertSomeFinding(trustPolicyFindings(trustWith({ Effect: "Allow", Principal: { AWS: userArn }, NotAction: "iam:*" })), /uses NotAction/);
        assertSomeFinding(trustPolicyFindings(trustWith({ Effect: "Allow", Principal: { AWS: userArn }, notaction: "iam:*" })), /uses NotAction/);
    });

    test("any action but exactly sts:AssumeRole is refused", () => {
        for (const action of ["sts:*", "*", ["sts:AssumeRole", "sts:TagSession"], "sts:AssumeRoleWithWebIdentity", []]) {
            assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: userArn }, action))), /allows Action .*: allow exactly "sts:AssumeRole"/);
        }
        assertOneFinding(trustPolicyFindings(trustWith({ Effect: "Allow", Principal: { AWS: userArn } })), /has no Action/);
    });

    test("more than one statement, or a Deny, is refused", () => {
        assertOneFinding(trustPolicyFindings(trustWith(allow({ AWS: userArn }), allow({ AWS: userArn }))), /has 2 statements/);
        assertOneFinding(trustPolicyFindings(trustWith({ ...allow({ AWS: userArn }), Effect: "Deny" })), /has Effect "Deny"/);
    });

    test("something that is not a policy document is refused with the reason", () => {
        assertOneFinding(trustPolicyFindings("{not json"), /is not an IAM policy document \(it is not valid JSON\)/);
        assertOneFinding(trustPolicyFindings("[]"), /\(it is not a JSON object\)/);
        assertOneFinding(trustPolicyFindings(`{"Version":"2012-10-17"}`), /\(it has no Statement\)/);
    });

    test("a value unknown at preview is no violation, whole or in part", () => {
        assert.deepEqual(trustPolicyFindings(UNKNOWN), []);
        assert.deepEqual(trustPolicyFindings(undefined), []);
        assert.deepEqual(trustPolicyFindings({ Version: "2012-10-17", Statement: [allow({ AWS: UNKNOWN })] }), []);
        // ...but what is known around the unknown part is still judged.
        assertOneFinding(trustPolicyFindings({ Version: "2012-10-17", Statement: [allow({ AWS: UNKNOWN }, "sts:*")] }), /allows Action "sts:\*"/);
    });
});

describe("the role trusts this stack's own user (stack policy)", () => {
    test("create-role as it is: the role trusts the stack's user", () => {
        assert.deepEqual(trustsOwnUserFindings(createRoleStack()), []);
    });

    test("a role that trusts another user (of the same account) is reported on the role", () => {
        const other = `arn:aws:iam::${account}:user/someone-else`;
        const findings = trustsOwnUserFindings(createRoleStack({ trust: trustPolicy(other) }));
        assert.equal(findings.length, 1);
        assert.match(findings[0].urn, /::aws:iam\/role:Role::allow-s3-management$/);
        assert.match(findings[0].message, /trusts "arn:aws:iam::123456789012:user\/someone-else", which is not the ARN of a aws:iam\/user:User in this stack \("arn:aws:iam::123456789012:user\/assume-role-pipeline-dev"\)/);
    });

    test("a role in a stack with no user is reported", () => {
        const roleOnly = createRoleStack().filter(r => r.type !== Types.user);
        assert.match(trustsOwnUserFindings(roleOnly)[0].message, /in this stack \(none\)/);
    });

    test("unknown at preview (the user's ARN, the trust policy) is no violation", () => {
        assert.deepEqual(trustsOwnUserFindings(createRoleStack({ arn: UNKNOWN, trust: UNKNOWN })), []);
        assert.deepEqual(trustsOwnUserFindings(createRoleStack({ arn: UNKNOWN, trust: trustPolicy(`arn:aws:iam::${account}:user/x`) })), []);
    });

    test("a trust policy the resource policy refuses is not reported a second time", () => {
        assert.deepEqual(trustsOwnUserFindings(createRoleStack({ trust: trustPolicy("*") })), []);
    });

    test("a stack without roles (assume-role) is not concerned", () => {
        assert.deepEqual(trustsOwnUserFindings([]), []);
    });

    test("trustedPrincipal reads the single principal, and nothing from documents it cannot", () => {
        assert.equal(trustedPrincipal(trustPolicy()), userArn);
        assert.equal(trustedPrincipal(trustWith(allow({ AWS: [userArn, userArn] }))), undefined);
        assert.equal(trustedPrincipal(UNKNOWN), undefined);
    });
});
