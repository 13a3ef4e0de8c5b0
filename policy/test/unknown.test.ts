import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sessionDurationFindings } from "../rules/session";
import { containsUnknown, isUnknown, nonEmpty, plainProps } from "../rules/unknown";
import { UNKNOWN } from "./fixtures";

const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T>(props: T): T;
    UnknownValueError: new (...args: unknown[]) => Error;
};

describe("values not known at preview", () => {
    test("Pulumi's unknown string sentinel and undefined are unknown; real values are not", () => {
        assert.ok(isUnknown(UNKNOWN));
        assert.ok(isUnknown(undefined));
        for (const known of ["", "arn:aws:iam::123456789012:user/u", 0, false, null, [], {}]) {
            assert.ok(!isUnknown(known), JSON.stringify(known));
        }
    });

    test("an unknown inside a list or object is found", () => {
        assert.ok(containsUnknown({ Statement: [{ Principal: { AWS: UNKNOWN } }] }));
        assert.ok(!containsUnknown({ Statement: [{ Principal: { AWS: "x" } }] }));
    });

    test("an unknown list is neither empty nor non-empty: it is not judged", () => {
        assert.ok(!nonEmpty(UNKNOWN));
        assert.ok(!nonEmpty([]));
        assert.ok(nonEmpty(["a"]));
    });

    test("plainProps reads the values behind @pulumi/policy's proxy, where reading an unknown would throw", () => {
        const proxied = unknownCheckingProxy({ policy: UNKNOWN, acl: "private" });
        assert.throws(() => proxied.policy, UnknownValueError);
        assert.equal(plainProps(proxied).policy, UNKNOWN);
        const plain = { acl: "private" };
        assert.equal(plainProps(plain), plain);
    });
});

describe("advisory: role sessions of at most one hour", () => {
    test("the default (unset) and 3600 s pass; more is reported; unknown is not judged", () => {
        assert.deepEqual(sessionDurationFindings(undefined), []);
        assert.deepEqual(sessionDurationFindings(3600), []);
        assert.deepEqual(sessionDurationFindings(UNKNOWN), []);
        assert.match(sessionDurationFindings(3601)[0], /^maxSessionDuration is 3601 s, over 1 h: .*keep the default 3600/);
    });
});
