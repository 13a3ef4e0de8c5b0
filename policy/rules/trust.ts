import { element, hasElement, isObject, parsePolicyDocument, quote, Statement, stringList } from "./document";
import { isUnknown } from "./unknown";
import { StackFinding, StackResource, Types } from "./types";

// JavaScript's `$` (without the m flag) matches only at the very end of the input, unlike .NET's.
const userArn = /^arn:(?:aws|aws-cn|aws-us-gov):iam::\d{12}:user\/(?:[\x21-\x2E\x30-\x7E]+\/)*[A-Za-z0-9+=,.@_-]{1,64}$/;
const accountRoot = /^arn:(?:aws|aws-cn|aws-us-gov):iam::\d{12}:root$/;
const accountId = /^\d{12}$/;

const todo = "trust exactly one IAM user: one Allow statement, \"Principal\":{\"AWS\":\"arn:aws:iam::<account>:user/<name>\"}, \"Action\":\"sts:AssumeRole\"";

/**
 * What is wrong with a role's trust policy (`assumeRolePolicy` of aws:iam/role:Role): it must let exactly
 * one IAM user, named by its ARN, call sts:AssumeRole, and nothing else. Unknown parts are not judged.
 */
export function trustPolicyFindings(assumeRolePolicy: unknown): string[] {
    const parsed = parsePolicyDocument(assumeRolePolicy);
    if (parsed.kind === "unknown") {
        return [];
    }
    if (parsed.kind === "invalid") {
        return [`assumeRolePolicy is not an IAM policy document (${parsed.reason}): ${todo}`];
    }
    if (parsed.statements.length !== 1) {
        return [`assumeRolePolicy has ${parsed.statements.length} statements: ${todo}`];
    }
    return statementFindings(parsed.statements[0]);
}

function statementFindings(statement: Statement): string[] {
    const findings: string[] = [];
    const effect = element(statement, "Effect");
    if (effect === undefined || (!isUnknown(effect) && effect !== "Allow")) {
        findings.push(`assumeRolePolicy's statement has Effect ${quote(effect ?? null)}: ${todo}`);
    }
    if (hasElement(statement, "NotPrincipal")) {
        findings.push(`assumeRolePolicy uses NotPrincipal, which trusts everyone it does not list: name the one IAM user in Principal.AWS instead`);
    }
    if (hasElement(statement, "NotAction")) {
        findings.push(`assumeRolePolicy uses NotAction, which allows every action it does not list: use "Action":"sts:AssumeRole" instead`);
    }
    findings.push(...actionFindings(element(statement, "Action")));
    if (!hasElement(statement, "NotPrincipal")) {
        findings.push(...principalFindings(element(statement, "Principal")));
    }
    return findings;
}

function actionFindings(action: unknown): string[] {
    if (action === undefined) {
        return [`assumeRolePolicy's statement has no Action: use "Action":"sts:AssumeRole"`];
    }
    const actions = stringList(action);
    const known = actions.filter(a => !isUnknown(a));
    const onlyAssumeRole = actions.length === 1 && known.every(a => typeof a === "string" && a.toLowerCase() === "sts:assumerole");
    return onlyAssumeRole ? [] : [`assumeRolePolicy allows Action ${quote(action)}: allow exactly "sts:AssumeRole"`];
}

function principalFindings(principal: unknown): string[] {
    if (isUnknown(principal)) {
        return principal === undefined ? [`assumeRolePolicy's statement has no Principal: ${todo}`] : [];
    }
    if (principal === "*") {
        return [`assumeRolePolicy trusts Principal "*" (anyone at all): ${todo}`];
    }
    if (!isObject(principal)) {
        return [`assumeRolePolicy has Principal ${quote(principal)}, which is not a principal block: ${todo}`];
    }
    const findings: string[] = [];
    for (const [kind, value] of Object.entries(principal)) {
        if (kind !== "AWS") {
            findings.push(`assumeRolePolicy trusts a ${kind} principal ${quote(value)}: only one IAM user (Principal.AWS) may assume this role`);
        }
    }
    const aws = principal["AWS"];
    if (aws === undefined) {
        if (findings.length === 0) {
            findings.push(`assumeRolePolicy's Principal names no AWS principal: ${todo}`);
        }
        return findings;
    }
    if (isUnknown(aws)) {
        return findings;
    }
    const arns = stringList(aws);
    if (arns.length !== 1) {
        findings.push(`assumeRolePolicy trusts ${arns.length} AWS principals ${quote(aws)}: ${todo}`);
    }
    for (const arn of arns) {
        const problem = awsPrincipalProblem(arn);
        if (problem !== undefined) {
            findings.push(`assumeRolePolicy trusts Principal.AWS ${quote(arn)}, ${problem}: ${todo}`);
        }
    }
    return findings;
}

function awsPrincipalProblem(arn: unknown): string | undefined {
    if (isUnknown(arn) || typeof arn === "string" && userArn.test(arn)) {
        return undefined;
    }
    if (arn === "*") {
        return "which is any AWS principal at all";
    }
    if (typeof arn === "string" && (accountRoot.test(arn) || accountId.test(arn))) {
        return "which is a whole account (any of its principals with IAM permission)";
    }
    return "which is not an IAM user ARN";
}

/**
 * The one AWS principal a trust policy names, when the document is a single statement with a single
 * known Principal.AWS; undefined otherwise (the resource policy reports those documents).
 */
export function trustedPrincipal(assumeRolePolicy: unknown): string | undefined {
    const parsed = parsePolicyDocument(assumeRolePolicy);
    if (parsed.kind !== "document" || parsed.statements.length !== 1) {
        return undefined;
    }
    const principal = element(parsed.statements[0], "Principal");
    if (!isObject(principal)) {
        return undefined;
    }
    const arns = stringList(principal["AWS"]);
    return arns.length === 1 && typeof arns[0] === "string" && !isUnknown(arns[0]) ? arns[0] : undefined;
}

/**
 * Every role of the stack must trust this stack's own user: the ARN of an aws:iam/user:User in the same
 * stack, not some other user. Not judged while a role's trust policy or a user's ARN is unknown.
 */
export function trustsOwnUserFindings(resources: readonly StackResource[]): StackFinding[] {
    const roles = resources.filter(r => r.type === Types.role);
    if (roles.length === 0) {
        return [];
    }
    const userArns = resources.filter(r => r.type === Types.user).map(r => r.props["arn"]);
    if (userArns.some(isUnknown)) {
        return [];
    }
    const own = userArns.length === 0 ? "none" : userArns.map(quote).join(", ");
    const findings: StackFinding[] = [];
    for (const role of roles) {
        // A trust policy the resource policy refuses is reported there, once; here only which user.
        const trust = role.props["assumeRolePolicy"];
        const principal = trustPolicyFindings(trust).length === 0 ? trustedPrincipal(trust) : undefined;
        if (principal !== undefined && !userArns.includes(principal)) {
            findings.push({
                urn: role.urn,
                message: `assumeRolePolicy trusts ${quote(principal)}, which is not the ARN of a ${Types.user} in this stack (${own}): build the trust policy from this stack's own user's arn`,
            });
        }
    }
    return findings;
}
