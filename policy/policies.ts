import { Policies, PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { bucketPublicFindings, explicitProviderFindings } from "./rules/bucket";
import { roleRightsFindings } from "./rules/permissions";
import { sessionDurationFindings } from "./rules/session";
import { trustPolicyFindings, trustsOwnUserFindings } from "./rules/trust";
import { StackFinding, StackResource, Types } from "./rules/types";
import { plainProps } from "./rules/unknown";
import { userRightsFindings } from "./rules/user";

// The policies of the pack: declarations only, each a rule from rules/ applied to what the engine gives.
// Resource policies run before their resource is created or updated, so the engine stops there; the two
// stack policies need several resources (a role and the stack's user; a bucket and its provider).

type Rule = (type: string, props: Readonly<Record<string, unknown>>) => string[];

function validateWith(rule: Rule) {
    return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        for (const message of rule(args.type, plainProps(args.props))) {
            reportViolation(message);
        }
    };
}

function validateStackWith(rule: (resources: readonly StackResource[]) => StackFinding[]) {
    return (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const resources = args.resources.map((r: PolicyResource): StackResource => ({
            type: r.type,
            urn: r.urn,
            props: plainProps(r.props),
            provider: r.provider,
        }));
        for (const finding of rule(resources)) {
            reportViolation(finding.message, finding.urn);
        }
    };
}

export const policies: Policies = [
    {
        name: "unprivileged-user-has-no-rights",
        description: "The unprivileged IAM user has no inline policy, no attached policy and no group; its exclusive declarations pin empty lists.",
        enforcementLevel: "mandatory",
        validateResource: validateWith(userRightsFindings),
    },
    {
        name: "role-trusts-exactly-one-iam-user",
        description: "The role's trust policy (assumeRolePolicy) is one Allow statement letting exactly one IAM user ARN call sts:AssumeRole.",
        enforcementLevel: "mandatory",
        validateResource: validateWith((type, props) => (type === Types.role ? trustPolicyFindings(props["assumeRolePolicy"]) : [])),
    },
    {
        name: "role-trusts-this-stacks-user",
        description: "The one principal the role trusts is the aws:iam/user:User of the same stack.",
        enforcementLevel: "mandatory",
        validateStack: validateStackWith(trustsOwnUserFindings),
    },
    {
        name: "role-allows-s3-only",
        description: "The role's permissions allow S3 actions only, in inline policies that can be checked; managed policy attachments are refused.",
        enforcementLevel: "mandatory",
        validateResource: validateWith(roleRightsFindings),
    },
    {
        name: "bucket-is-not-public",
        description: "No public canned ACL, grant to everyone, bucket policy allowing \"*\", or public access block turned off.",
        enforcementLevel: "mandatory",
        validateResource: validateWith(bucketPublicFindings),
    },
    {
        name: "bucket-uses-explicit-provider",
        description: "Buckets are created through an explicit aws Provider (the one that assumes the role), never the default provider.",
        enforcementLevel: "mandatory",
        validateStack: validateStackWith(explicitProviderFindings),
    },
    {
        name: "role-session-at-most-one-hour",
        description: "Advisory: a role's maxSessionDuration stays at 1 h unless a longer session is needed.",
        enforcementLevel: "advisory",
        validateResource: validateWith((type, props) => (type === Types.role ? sessionDurationFindings(props["maxSessionDuration"]) : [])),
    },
];
