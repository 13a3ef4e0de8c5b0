import { loadCatalogue } from '../lib/catalogue.js';
import { checkPolicy } from '../lib/check.js';
import { methods, roleFor, SAMPLE_VALUES } from '../lib/roles.js';

export const catalogue = await loadCatalogue();
export const ACCOUNT = SAMPLE_VALUES.AccountId;
export const REVIEW_BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/assume-role-pipeline-review-boundary`;
export const REVIEW_USERS = `arn:aws:iam::${ACCOUNT}:user/assume-role-pipeline-pr-*`;
export const ROLES = `arn:aws:iam::${ACCOUNT}:role/allow-s3-management-*`;

/** The findings for a policy (a document, or statements) checked as `role` of `stack`. */
export function findings(policy, role = 'review', stack = 'pr-1') {
  const document = Array.isArray(policy) ? { Version: '2012-10-17', Statement: policy } : policy;
  return checkPolicy(document, roleFor(role, { ...SAMPLE_VALUES, Stack: stack }), { catalogue, methods });
}

export const ids = found => [...new Set(found.map(f => f.id))].sort();
export const allow = (Action, Resource = '*', Condition) => ({ Effect: 'Allow', Action, Resource, ...(Condition && { Condition }) });
