// A value Pulumi cannot know yet (at preview: an output of a resource not created so far) arrives as
// one of @pulumi/policy's sentinel strings, or as a missing property. Such a value is no violation:
// the update, where the value is known, checks it again.
//
// @pulumi/policy keeps its sentinels in its proxy module, whose typings declare none of them; they are
// read from there rather than copied, so a new sentinel in a new version is seen too.
const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;

/**
 * The plain properties behind @pulumi/policy's unknown-checking proxy. Through the proxy, reading any
 * unknown value throws, and the framework then skips the whole policy for that resource with an
 * advisory note; on the plain values a rule judges what is known already and skips only what is not.
 * (The key is the library's own; when a value is no such proxy, it is returned as it is.)
 */
export function plainProps<T extends object>(props: T): T {
    const key = proxy["getSpecialProxyTarget"];
    const target = typeof key === "string" ? (props as Record<string, unknown>)[key] : undefined;
    return target !== undefined && target !== null && typeof target === "object" ? (target as T) : props;
}

const sentinels: ReadonlySet<string> = new Set(
    Object.entries(proxy)
        .filter(([name, value]) => /^unknown[A-Za-z]*Value$/.test(name) && typeof value === "string")
        .map(([, value]) => value as string),
);

/** Whether the value is not known yet: undefined, or one of Pulumi's unknown sentinels. */
export function isUnknown(value: unknown): boolean {
    return value === undefined || (typeof value === "string" && sentinels.has(value));
}

/** Whether the value, or anything inside it, is unknown (a list or document built from unknown parts). */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

/** Whether a list property is known and holds something (an unknown one is judged once it is known). */
export function nonEmpty(value: unknown): boolean {
    if (isUnknown(value)) {
        return false;
    }
    return !Array.isArray(value) || value.length > 0;
}
