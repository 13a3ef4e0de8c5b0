import { effectOf, element, hasElement, isObject, parsePolicyDocument, quote, shown, stringList } from "./document";
import { isUnknown, nonEmpty } from "./unknown";
import { Types } from "./types";

// An S3 action: the service prefix exactly "s3" (not "s3*", "s3express", "s3-object-lambda", "*"),
// then an action name in which IAM's wildcards are fine ("s3:*", "s3:Get*"). IAM ignores the case.
const s3Action = /^s3:[A-Za-z0-9*?]+$/i;

const instead = `keep the role to S3: list only s3:<action> actions (e.g. "s3:*") in its ${Types.rolePolicy}`;

/**
 * What in a permission policy document (`policy` of aws:iam/rolePolicy:RolePolicy, or a role's inline
 * policy) allows anything but S3. Deny statements only take rights away and are not judged.
 */
export function s3OnlyFindings(document: unknown, property: string): string[] {
    const parsed = parsePolicyDocument(document);
    if (parsed.kind === "unknown") {
        return [];
    }
    if (parsed.kind === "invalid") {
        return [`${property} is not an IAM policy document (${parsed.reason}): ${instead}`];
    }
    const findings: string[] = [];
    parsed.statements.forEach((statement, index) => {
        const where = `${property} statement ${index + 1}`;
        const effect = effectOf(statement);
        if (effect === "Deny" || (isUnknown(effect) && effect !== undefined)) {
            return;
        }
        if (hasElement(statement, "NotAction")) {
            findings.push(`${where} allows NotAction, i.e. every action it does not list (iam:*, sts:* too): ${instead}`);
            return;
        }
        const action = element(statement, "Action");
        if (action === undefined) {
            findings.push(`${where} has no Action: ${instead}`);
            return;
        }
        for (const a of stringList(action)) {
            if (!isUnknown(a) && !(typeof a === "string" && s3Action.test(a))) {
                findings.push(`${where} allows ${quote(a)}, which is not an S3 action: ${instead}`);
            }
        }
    });
    return findings;
}

/**
 * The role may hold only S3 rights, and only in forms whose content can be read here: an inline
 * policy checked to be S3-only. A managed policy (attached by ARN) cannot be read, so is refused.
 */
export function roleRightsFindings(type: string, props: Readonly<Record<string, unknown>>): string[] {
    switch (type) {
        case Types.rolePolicy:
            return s3OnlyFindings(props["policy"], "policy");
        case Types.role:
            return [...inlinePoliciesFindings(props["inlinePolicies"]), ...managedArnsFindings(props["managedPolicyArns"], "managedPolicyArns")];
        case Types.rolePolicyAttachment:
            return [managedMessage("policyArn", props["policyArn"])];
        case Types.policyAttachment:
            return nonEmpty(props["roles"]) ? [managedMessage("roles", props["roles"])] : [];
        case Types.rolePolicyAttachmentsExclusive:
            return managedArnsFindings(props["policyArns"], "policyArns");
        default:
            return [];
    }
}

function inlinePoliciesFindings(inlinePolicies: unknown): string[] {
    if (!Array.isArray(inlinePolicies)) {
        return [];
    }
    return inlinePolicies.flatMap((p, index) =>
        isObject(p) ? s3OnlyFindings(p["policy"], `inlinePolicies[${index}].policy`) : []);
}

function managedArnsFindings(arns: unknown, property: string): string[] {
    return nonEmpty(arns) ? [managedMessage(property, arns)] : [];
}

function managedMessage(property: string, value: unknown): string {
    return `${property} is ${shown(value)}: a managed policy attached to the role cannot be proved S3-only here, so none is allowed; ${instead}`;
}
