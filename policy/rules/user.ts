import { quote, shown } from "./document";
import { nonEmpty } from "./unknown";
import { Types } from "./types";

const instead = "the unprivileged user has no rights of its own (no inline or attached policy, no group); grant through the role it assumes";

/**
 * The IAM users of these stacks hold no rights of their own: any inline policy, attached policy or
 * group membership of a user is a violation, and the exclusive declarations pin empty lists.
 */
export function userRightsFindings(type: string, props: Readonly<Record<string, unknown>>): string[] {
    switch (type) {
        case Types.userPolicy:
            return [`user ${shown(props["user"])} gets an inline policy (${Types.userPolicy}): remove it; ${instead}`];
        case Types.userPolicyAttachment:
            return [`user ${shown(props["user"])} gets policyArn ${shown(props["policyArn"])} attached (${Types.userPolicyAttachment}): remove it; ${instead}`];
        case Types.policyAttachment:
            return nonEmpty(props["users"])
                ? [`users ${quote(props["users"])} get policyArn ${shown(props["policyArn"])} attached (${Types.policyAttachment}): remove them; ${instead}`]
                : [];
        case Types.userGroupMembership:
            return [`user ${shown(props["user"])} is put in groups ${shown(props["groups"])} (${Types.userGroupMembership}): remove it; ${instead}`];
        case Types.groupMembership:
            return [`users ${shown(props["users"])} are put in group ${shown(props["group"])} (${Types.groupMembership}): remove it; ${instead}`];
        case Types.userPoliciesExclusive:
            return pinnedEmpty(props["policyNames"], "policyNames");
        case Types.userPolicyAttachmentsExclusive:
            return pinnedEmpty(props["policyArns"], "policyArns");
        default:
            return [];
    }
}

function pinnedEmpty(value: unknown, property: string): string[] {
    if (!nonEmpty(value)) {
        return [];
    }
    return [`${property} is ${quote(value)}, not an empty list: pin ${property} to [] (${instead})`];
}
