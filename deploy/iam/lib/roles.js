// The committed files of this folder, read with the placeholders filled.
import { readFileSync } from 'node:fs';
import { fillTemplate } from './check.js';

const folder = new URL('../', import.meta.url);

/** Stand-in values for checking the templates: any account, partition and repository check the same. */
export const SAMPLE_VALUES = Object.freeze({ AccountId: '111122223333', Partition: 'aws', Repository: 'OWNER/REPO' });

export const methods = JSON.parse(readFileSync(new URL('escalation-methods.json', folder), 'utf8'));
export const roles = JSON.parse(readFileSync(new URL('roles.json', folder), 'utf8')).roles;

/** A policy file of this folder (or any path) with its placeholders filled. */
export function readPolicy(path, values) {
  return JSON.parse(fillTemplate(readFileSync(new URL(path, folder), 'utf8'), values));
}

/** A role of roles.json with its names, tag and boundary filled for one stack. */
export function roleFor(name, values) {
  const role = roles[name];
  if (role === undefined) throw new Error(`Unknown role "${name}": roles.json has ${Object.keys(roles).join(', ')}`);
  return JSON.parse(fillTemplate(JSON.stringify(role), values));
}
