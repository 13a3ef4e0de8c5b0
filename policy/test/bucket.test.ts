import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bucketPublicFindings, explicitProviderFindings, isDefaultProvider } from "../rules/bucket";
import { Types } from "../rules/types";
import { assumeRoleDefaultProvider, assumeRoleStack, createRoleStack, policyWith, UNKNOWN } from "./fixtures";
import { assertOneFinding, assertSomeFinding } from "./assertions";

const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
const authenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const allBlocks = { bucket: "b", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("the bucket is not public", () => {
    test("assume-role's bucket as it is passes", () => {
        for (const r of assumeRoleStack()) {
            assert.deepEqual(bucketPublicFindings(r.type, r.props), [], r.type);
        }
    });

    test("a public canned acl is refused on Bucket, BucketV2, BucketAcl and BucketAclV2", () => {
        for (const type of [Types.bucket, Types.bucketV2, Types.bucketAcl, Types.bucketAclV2]) {
            for (const acl of ["public-read", "public-read-write", "authenticated-read"]) {
                assertOneFinding(bucketPublicFindings(type, { bucket: "b", acl }), new RegExp(`^acl is "${acl}", which opens the bucket`));
            }
            assert.deepEqual(bucketPublicFindings(type, { bucket: "b", acl: "private" }), []);
        }
    });

    test("a grant to everyone or every AWS account is refused", () => {
        const grantee = (uri: string) => ({ accessControlPolicy: { grants: [{ grantee: { type: "Group", uri }, permission: "READ" }], owner: { id: "o" } } });
        assertOneFinding(bucketPublicFindings(Types.bucketAclV2, { bucket: "b", ...grantee(allUsers) }), /^accessControlPolicy\.grants\[0\] grants to "http:\/\/acs\.amazonaws\.com\/groups\/global\/AllUsers"/);
        assertOneFinding(bucketPublicFindings(Types.bucketAcl, { bucket: "b", ...grantee(authenticatedUsers) }), /AuthenticatedUsers/);
        assertOneFinding(bucketPublicFindings(Types.bucket, { grants: [{ type: "Group", uri: allUsers, permissions: ["READ"] }] }), /^grants\[0\] grants to/);
        assert.deepEqual(bucketPublicFindings(Types.bucketAclV2, { bucket: "b", ...grantee("http://acs.amazonaws.com/groups/s3/LogDelivery") }), []);
    });

    test("a bucket policy allowing \"*\" or {\"AWS\":\"*\"} or through NotPrincipal is refused", () => {
        const statement = (principal: object) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...principal });
        assertOneFinding(bucketPublicFindings(Types.bucketPolicy, { bucket: "b", policy: policyWith(statement({ Principal: "*" })) }), /^policy statement 1 allows Principal "\*" \(anyone\)/);
        assertOneFinding(bucketPublicFindings(Types.bucketPolicy, { bucket: "b", policy: policyWith(statement({ Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"] } })) }), /allows Principal "\*"/);
        assertOneFinding(bucketPublicFindings(Types.bucketPolicy, { bucket: "b", policy: policyWith(statement({ NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } })) }), /allows NotPrincipal/);
        assertSomeFinding(bucketPublicFindings(Types.bucket, { policy: policyWith(statement({ Principal: "*" })) }), /allows Principal "\*"/);
    });

    test("a bucket policy naming its principals, or denying \"*\", passes", () => {
        const policy = policyWith(
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/r" }, Action: "s3:*", Resource: "*" },
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        );
        assert.deepEqual(bucketPublicFindings(Types.bucketPolicy, { bucket: "b", policy }), []);
    });

    test("a public access block must keep all four blocks on", () => {
        assert.deepEqual(bucketPublicFindings(Types.bucketPublicAccessBlock, allBlocks), []);
        assertOneFinding(bucketPublicFindings(Types.bucketPublicAccessBlock, { ...allBlocks, blockPublicPolicy: false }), /^blockPublicPolicy is false: set all of blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets to true/);
        const { restrictPublicBuckets: _, ...unset } = allBlocks;
        assertOneFinding(bucketPublicFindings(Types.bucketPublicAccessBlock, unset), /^restrictPublicBuckets is not set \(the provider then turns it off\)/);
    });

    test("values unknown at preview are no violation", () => {
        assert.deepEqual(bucketPublicFindings(Types.bucket, { acl: UNKNOWN, policy: UNKNOWN, grants: UNKNOWN }), []);
        assert.deepEqual(bucketPublicFindings(Types.bucketPolicy, { bucket: UNKNOWN, policy: UNKNOWN }), []);
        assert.deepEqual(bucketPublicFindings(Types.bucketPublicAccessBlock, { ...allBlocks, ignorePublicAcls: UNKNOWN }), []);
    });

    test("resources of other types are not concerned", () => {
        for (const r of createRoleStack()) {
            assert.deepEqual(bucketPublicFindings(r.type, { ...r.props, acl: "public-read" }), [], r.type);
        }
        assert.deepEqual(bucketPublicFindings("aws:s3/bucketObject:BucketObject", { acl: "public-read" }), []);
    });
});

describe("the bucket is made through an explicit provider (stack policy)", () => {
    test("assume-role as it is (the provider that assumes the role) passes", () => {
        assert.deepEqual(explicitProviderFindings(assumeRoleStack()), []);
    });

    test("a bucket through the default provider is reported on the bucket", () => {
        const findings = explicitProviderFindings(assumeRoleStack(assumeRoleDefaultProvider));
        assert.equal(findings.length, 1);
        assert.match(findings[0].urn, /::aws:s3\/bucket:Bucket::bucket$/);
        assert.match(findings[0].message, /^provider is the default provider "urn:pulumi:dev::assume-role::pulumi:providers:aws::default_7_4_0": create the bucket with the explicit aws Provider/);
    });

    test("a BucketV2, or a bucket with no provider at all, is reported too", () => {
        const v2 = assumeRoleStack(assumeRoleDefaultProvider).map(r => (r.type === Types.bucket ? { ...r, type: Types.bucketV2 } : r));
        assert.equal(explicitProviderFindings(v2).length, 1);
        assert.match(explicitProviderFindings(assumeRoleStack(null))[0].message, /^the bucket has no provider/);
    });

    test("default provider URNs are told from explicit ones by the provider's name", () => {
        assert.ok(isDefaultProvider("urn:pulumi:dev::p::pulumi:providers:aws::default"));
        assert.ok(isDefaultProvider("urn:pulumi:dev::p::pulumi:providers:aws::default_7_48_0"));
        assert.ok(!isDefaultProvider("urn:pulumi:dev::p::pulumi:providers:aws::assume-role"));
        assert.ok(!isDefaultProvider("urn:pulumi:dev::p::pulumi:providers:aws::defaults-for-s3"));
    });

    test("stacks without buckets (create-role, on its default provider) are not concerned", () => {
        assert.deepEqual(explicitProviderFindings(createRoleStack()), []);
    });
});
