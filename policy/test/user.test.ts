import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Types } from "../rules/types";
import { userRightsFindings } from "../rules/user";
import { createRoleStack, UNKNOWN } from "./fixtures";
import { assertOneFinding } from "./assertions";

describe("the unprivileged user has no rights of its own", () => {
    test("create-role as it is (empty exclusive lists) passes", () => {
        for (const r of createRoleStack()) {
            assert.deepEqual(userRightsFindings(r.type, r.props), [], r.type);
        }
    });

    test("an inline user policy is refused", () => {
        assertOneFinding(userRightsFindings(Types.userPolicy, { user: "assume-role-pipeline-dev", policy: "{}" }), /^user "assume-role-pipeline-dev" gets an inline policy \(aws:iam\/userPolicy:UserPolicy\): remove it/);
    });

    test("a policy attached to the user is refused, through either resource", () => {
        assertOneFinding(userRightsFindings(Types.userPolicyAttachment, { user: "u", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }), /^user "u" gets policyArn "arn:aws:iam::aws:policy\/ReadOnlyAccess" attached/);
        assertOneFinding(userRightsFindings(Types.policyAttachment, { users: ["u"], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }), /^users \["u"\] get policyArn/);
        assert.deepEqual(userRightsFindings(Types.policyAttachment, { roles: ["r"], policyArn: "arn" }), []);
    });

    test("a group for the user is refused, through either resource", () => {
        assertOneFinding(userRightsFindings(Types.userGroupMembership, { user: "u", groups: ["admins"] }), /^user "u" is put in groups \["admins"\]/);
        assertOneFinding(userRightsFindings(Types.groupMembership, { group: "admins", users: ["u"] }), /^users \["u"\] are put in group "admins"/);
    });

    test("a refusal does not wait for values unknown at preview", () => {
        assertOneFinding(userRightsFindings(Types.userPolicy, { user: UNKNOWN, policy: UNKNOWN }), /^user \(not known yet\) gets an inline policy/);
    });

    test("the exclusive declarations must pin empty lists", () => {
        assertOneFinding(userRightsFindings(Types.userPoliciesExclusive, { userName: "u", policyNames: ["escalate"] }), /^policyNames is \["escalate"\], not an empty list: pin policyNames to \[\]/);
        assertOneFinding(userRightsFindings(Types.userPolicyAttachmentsExclusive, { userName: "u", policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }), /^policyArns is \["arn:aws:iam::aws:policy\/AdministratorAccess"\], not an empty list/);
    });

    test("an exclusive list unknown at preview is no violation", () => {
        assert.deepEqual(userRightsFindings(Types.userPoliciesExclusive, { userName: "u", policyNames: UNKNOWN }), []);
        assert.deepEqual(userRightsFindings(Types.userPolicyAttachmentsExclusive, { userName: UNKNOWN }), []);
    });

    test("resources of other types are not concerned", () => {
        for (const type of [Types.user, Types.role, Types.rolePolicy, "aws:iam/groupPolicy:GroupPolicy", "aws:iam/accessKey:AccessKey"]) {
            assert.deepEqual(userRightsFindings(type, { user: "u", users: ["u"], policyNames: ["p"], policyArns: ["a"] }), [], type);
        }
    });
});
