import { isUnknown } from "./unknown";

const oneHour = 3600;

/** Advisory: a role whose sessions may outlast an hour keeps a leaked session usable for that long. */
export function sessionDurationFindings(maxSessionDuration: unknown): string[] {
    if (isUnknown(maxSessionDuration) || typeof maxSessionDuration !== "number" || maxSessionDuration <= oneHour) {
        return [];
    }
    return [`maxSessionDuration is ${maxSessionDuration} s, over 1 h: a leaked session stays usable that long; keep the default 3600 unless the assume-role stack's sessionDuration needs more`];
}
