import { isUnknown } from "./unknown";

/** One statement of an IAM policy document, as written (element names as the author spelled them). */
export type Statement = Readonly<Record<string, unknown>>;

/** What a policy property holds: not known yet, not a policy document, or the document's statements. */
export type ParsedDocument =
    | { readonly kind: "unknown" }
    | { readonly kind: "invalid"; readonly reason: string }
    | { readonly kind: "document"; readonly statements: readonly Statement[] };

/**
 * Reads an IAM policy document given as a JSON string (what the stacks pass) or as an object (the
 * provider's PolicyDocument form, which uses IAM's own element names).
 */
export function parsePolicyDocument(value: unknown): ParsedDocument {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    let document: unknown = value;
    if (typeof value === "string") {
        try {
            document = JSON.parse(value);
        } catch {
            return { kind: "invalid", reason: "it is not valid JSON" };
        }
    }
    if (!isObject(document)) {
        return { kind: "invalid", reason: "it is not a JSON object" };
    }
    const statement = element(document, "Statement");
    if (isUnknown(statement)) {
        return statement === undefined ? { kind: "invalid", reason: "it has no Statement" } : { kind: "unknown" };
    }
    const statements = Array.isArray(statement) ? statement : [statement];
    if (!statements.every(isObject)) {
        return { kind: "invalid", reason: "a Statement is not a JSON object" };
    }
    return { kind: "document", statements };
}

/**
 * An element of a statement or document, found whatever its letter case: whether or not IAM accepts
 * another casing, writing "notAction" must not be a way around a check for "NotAction".
 */
export function element(statement: Statement, name: string): unknown {
    const key = Object.keys(statement).find(k => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : statement[key];
}

/** Whether the statement has the element at all (even with an unknown value). */
export function hasElement(statement: Statement, name: string): boolean {
    return Object.keys(statement).some(k => k.toLowerCase() === name.toLowerCase());
}

/** An element that IAM accepts as one string or a list of strings, as a list ([] when absent). */
export function stringList(value: unknown): readonly unknown[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

/** The statement's Effect: "Allow", "Deny", unknown, or whatever else was written. */
export function effectOf(statement: Statement): unknown {
    return element(statement, "Effect");
}

/** A value as it may be quoted in a one-line message. */
export function quote(value: unknown): string {
    return JSON.stringify(value) ?? String(value);
}

/** A value for a message, or a note that it is not known yet. */
export function shown(value: unknown): string {
    return isUnknown(value) ? "(not known yet)" : quote(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
