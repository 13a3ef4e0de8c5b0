import { effectOf, element, hasElement, isObject, parsePolicyDocument, quote, stringList } from "./document";
import { isUnknown } from "./unknown";
import { StackFinding, StackResource, Types } from "./types";

const publicCannedAcls: ReadonlySet<string> = new Set(["public-read", "public-read-write", "authenticated-read"]);
const publicGroup = /\/groups\/global\/(?:AllUsers|AuthenticatedUsers)$/i;
const blocks = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

const keepPrivate = "the bucket stays private";

/** What makes a bucket public, in a bucket, its policy, its ACL or its public access block. */
export function bucketPublicFindings(type: string, props: Readonly<Record<string, unknown>>): string[] {
    switch (type) {
        case Types.bucket:
        case Types.bucketV2:
            return [
                ...cannedAclFindings(props["acl"]),
                ...grantFindings(props["grants"], "grants", g => g["uri"]),
                ...publicPolicyFindings(props["policy"]),
            ];
        case Types.bucketPolicy:
            return publicPolicyFindings(props["policy"]);
        case Types.bucketAcl:
        case Types.bucketAclV2: {
            const acp = props["accessControlPolicy"];
            const grants = isObject(acp) ? acp["grants"] : undefined;
            return [
                ...cannedAclFindings(props["acl"]),
                ...grantFindings(grants, "accessControlPolicy.grants", g => (isObject(g["grantee"]) ? g["grantee"]["uri"] : undefined)),
            ];
        }
        case Types.bucketPublicAccessBlock:
            return blockFindings(props);
        default:
            return [];
    }
}

function cannedAclFindings(acl: unknown): string[] {
    return typeof acl === "string" && publicCannedAcls.has(acl)
        ? [`acl is ${quote(acl)}, which opens the bucket beyond its owner: remove acl or set "private"; ${keepPrivate}`]
        : [];
}

function grantFindings(grants: unknown, property: string, uriOf: (grant: Record<string, unknown>) => unknown): string[] {
    if (!Array.isArray(grants)) {
        return [];
    }
    return grants.flatMap((grant, index) => {
        const uri = isObject(grant) ? uriOf(grant) : undefined;
        return typeof uri === "string" && publicGroup.test(uri)
            ? [`${property}[${index}] grants to ${quote(uri)} (everyone, or every AWS account): remove that grant; ${keepPrivate}`]
            : [];
    });
}

/** A bucket policy that allows "*" (anyone), or allows through NotPrincipal (everyone not listed). */
export function publicPolicyFindings(policy: unknown): string[] {
    const parsed = parsePolicyDocument(policy);
    if (parsed.kind === "unknown") {
        return [];
    }
    if (parsed.kind === "invalid") {
        return [`policy is not an IAM policy document (${parsed.reason}): write a JSON policy that names its principals; ${keepPrivate}`];
    }
    const findings: string[] = [];
    parsed.statements.forEach((statement, index) => {
        if (effectOf(statement) === "Deny") {
            return;
        }
        const where = `policy statement ${index + 1}`;
        if (hasElement(statement, "NotPrincipal")) {
            findings.push(`${where} allows NotPrincipal, i.e. everyone it does not list: name the principals that need access in Principal; ${keepPrivate}`);
        }
        if (grantsEveryone(element(statement, "Principal"))) {
            findings.push(`${where} allows Principal "*" (anyone): name the principals that need access instead; ${keepPrivate}`);
        }
    });
    return findings;
}

function grantsEveryone(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    return isObject(principal) && Object.values(principal).some(v => stringList(v).includes("*"));
}

function blockFindings(props: Readonly<Record<string, unknown>>): string[] {
    return blocks.flatMap(block => {
        const value = props[block];
        if (value === true || (value !== undefined && isUnknown(value))) {
            return [];
        }
        const what = value === undefined ? "not set (the provider then turns it off)" : `${quote(value)}`;
        return [`${block} is ${what}: set all of ${blocks.join(", ")} to true; ${keepPrivate}`];
    });
}

/**
 * Every bucket is made through an explicit provider (in assume-role, the one that assumes the role),
 * never through the stack's default provider, whose URN's name is "default" or "default_<version>".
 */
export function explicitProviderFindings(resources: readonly StackResource[]): StackFinding[] {
    return resources
        .filter(r => r.type === Types.bucket || r.type === Types.bucketV2)
        .flatMap(r => {
            const provider = r.provider?.urn;
            if (provider === undefined) {
                return [{ urn: r.urn, message: `the bucket has no provider: create it with an explicit aws Provider in its resource options (provider)` }];
            }
            return isDefaultProvider(provider)
                ? [{ urn: r.urn, message: `provider is the default provider ${quote(provider)}: create the bucket with the explicit aws Provider that assumes the role (resource option provider)` }]
                : [];
        });
}

/** Whether a provider URN is a default provider's (the engine names those "default" or "default_<version>"). */
export function isDefaultProvider(providerUrn: string): boolean {
    return /::default(?:_[^:]*)?$/.test(providerUrn);
}
