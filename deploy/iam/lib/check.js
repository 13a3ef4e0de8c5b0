// The check: which known privilege-escalation methods (escalation-methods.json) a policy allows beyond what
// its stack owns (roles.json). It reads Allow statements as IAM does (Action/NotAction, Resource/NotResource,
// wildcards against the catalogue) and gives a statement credit only for conditions it understands exactly;
// anything else counts as unbound. Deny statements count only when they hold everywhere (no Condition,
// Resource "*"): a conditional Deny is not credited.
import { changesSomething, expandAction, wildcardRegExp } from './catalogue.js';

const PLACEHOLDERS = ['AccountId', 'Partition', 'Repository', 'Environment', 'Stack'];

/** Fills ${AccountId}, ${Partition}, ${Repository}, ${Environment}, ${Stack}; IAM's own ${aws:...} variables stay. */
export function fillTemplate(text, values) {
  return text.replace(/\$\{([^}]*)\}/g, (whole, name) => {
    if (name.includes(':')) return whole;
    if (!PLACEHOLDERS.includes(name)) {
      throw new Error(`Unknown placeholder \${${name}}: the templates use only ${PLACEHOLDERS.map(p => `\${${p}}`).join(', ')}`);
    }
    if (values[name] === undefined) throw new Error(`No value given for the placeholder \${${name}}`);
    return values[name];
  });
}

const asList = value => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/** The statements of a policy document, each with its lists normalised; one clear error for a malformed one. */
export function statementsOf(document) {
  if (typeof document !== 'object' || document === null || document.Statement === undefined) {
    throw new Error('A policy document needs a "Statement" (an object or an array of them)');
  }
  return asList(document.Statement).map((s, index) => {
    const label = s.Sid ? `statement ${index + 1} (${s.Sid})` : `statement ${index + 1}`;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new Error(`${label}: Effect must be "Allow" or "Deny", not ${JSON.stringify(s.Effect)}`);
    if ((s.Action === undefined) === (s.NotAction === undefined)) throw new Error(`${label}: needs exactly one of Action and NotAction`);
    if ((s.Resource === undefined) === (s.NotResource === undefined)) throw new Error(`${label}: needs exactly one of Resource and NotResource`);
    const conditions = Object.entries(s.Condition ?? {}).flatMap(([operator, block]) =>
      Object.entries(block).map(([key, value]) => ({ operator, key: key.toLowerCase(), values: asList(value).map(String) })));
    return {
      label, effect: s.Effect, conditions,
      action: asList(s.Action), notAction: asList(s.NotAction),
      resource: asList(s.Resource), notResource: asList(s.NotResource),
    };
  });
}

/** The catalogue actions a statement names: its Action patterns, or every action but its NotAction patterns. */
export function actionsOf(catalogue, statement) {
  if (statement.action) return new Set(statement.action.flatMap(p => expandAction(catalogue, p)));
  const excluded = new Set(statement.notAction.flatMap(p => expandAction(catalogue, p)));
  return new Set(catalogue.names.filter(name => !excluded.has(name)));
}

/**
 * Whether every string the pattern `value` matches is also matched by `allowed` (both IAM wildcards,
 * case-sensitive as ARNs and condition values are). Exact where it answers yes; "no" when unsure.
 */
export function within(value, allowed) {
  const firstWildcard = value.search(/[*?]/);
  if (firstWildcard === -1) return wildcardRegExp(allowed, false).test(value);
  const prefix = /^([^*?]*)\*$/.exec(allowed);
  return prefix !== null && value.slice(0, firstWildcard).startsWith(prefix[1]);
}

const RESOURCE_TAG = ['aws:resourcetag/stack', 'iam:resourcetag/stack'];
const STRING_MATCH = ['StringEquals', 'StringLike'];

function conditionHolds(statement, operators, keys, valueOk) {
  return statement.conditions.some(c =>
    operators.includes(c.operator) && keys.includes(c.key) && c.values.length > 0 && c.values.every(valueOk));
}

/** The requirements a binding combines (escalation-methods.json "bindings"); each says what one condition proves. */
export const REQUIREMENTS = {
  // Every Resource is one of the stack's own names (NotResource never is).
  ownNames: (s, role) => s.resource !== undefined && s.resource.every(r => role.ownResources.some(own => within(r, own))),
  // The resource's existing Stack tag is the stack's: a role or user of another stack is out of reach.
  existingTag: (s, role) => conditionHolds(s, STRING_MATCH, RESOURCE_TAG, v => within(v, role.ownTag)),
  // A new resource can only be created with the stack's Stack tag.
  requestTag: (s, role) => conditionHolds(s, STRING_MATCH, ['aws:requesttag/stack'], v => within(v, role.ownTag)),
  // The principal carries (or is given) exactly the stack's permissions boundary.
  boundary: (s, role) => role.boundaryArn !== undefined &&
    conditionHolds(s, [...STRING_MATCH, 'ArnEquals', 'ArnLike'], ['iam:permissionsboundary'], v => within(v, role.boundaryArn)),
  // The request cannot set or remove the Stack tag (IAM tag keys ignore case: "stack" would replace "Stack").
  stackKeyUntouched: s => s.conditions.some(c => c.key === 'aws:tagkeys' && (
    (c.operator === 'ForAllValues:StringNotEqualsIgnoreCase' && c.values.some(v => v.toLowerCase() === 'stack')) ||
    (['ForAllValues:StringEquals', 'ForAllValues:StringEqualsIgnoreCase'].includes(c.operator) && c.values.length > 0 &&
      c.values.every(v => v.toLowerCase() !== 'stack')))),
  // The resource has no Stack tag yet: the tags IAM authorises with TagRole/TagUser while creating it.
  untagged: s => conditionHolds(s, ['Null'], RESOURCE_TAG, v => v === 'true'),
};

/** The requirements a statement misses for a binding: [] when one of its alternatives holds completely. */
function missing(binding, statement, role) {
  if (binding.length === 0) return ['never allowed'];
  const gaps = binding.map(alternative => alternative.filter(name => !REQUIREMENTS[name](statement, role)));
  return gaps.reduce((fewest, gap) => (gap.length < fewest.length ? gap : fewest));
}

/**
 * Checks one policy document against a role (ownResources, ownTag, boundaryArn, readOnly; placeholders
 * filled). Returns findings: { id, title, statement, actions, missing }; none means no method is open.
 */
export function checkPolicy(document, role, { catalogue, methods }) {
  const statements = statementsOf(document);
  const allows = statements.filter(s => s.effect === 'Allow').map(s => ({ s, actions: actionsOf(catalogue, s) }));
  const deniedEverywhere = new Set(statements
    .filter(s => s.effect === 'Deny' && s.conditions.length === 0 && s.resource?.includes('*'))
    .flatMap(s => [...actionsOf(catalogue, s)]));
  const allowed = action => !deniedEverywhere.has(action) && allows.some(a => a.actions.has(action));

  const findings = [];
  const report = (id, title, statement, action, gaps) => {
    const same = findings.find(f => f.id === id && f.statement === statement.label && f.missing.join() === gaps.join());
    if (same) same.actions.push(action);
    else findings.push({ id, title, statement: statement.label, actions: [action], missing: gaps });
  };

  const covered = new Set();
  for (const method of methods.methods) {
    const escalate = method.escalate;
    escalate.forEach(a => covered.add(a));
    if (!(method.with ?? []).every(allowed)) continue;
    for (const action of escalate.filter(a => !deniedEverywhere.has(a))) {
      for (const { s, actions } of allows.filter(a => a.actions.has(action))) {
        const gaps = missing(methods.bindings[method.binding], s, role);
        if (gaps.length > 0) report(method.id, method.title, s, action, gaps);
      }
    }
  }
  // Every other change must be to the stack's own resources, and a read-only role may change nothing.
  const write = role.readOnly ? methods.bindings.never : methods.bindings.own;
  for (const { s, actions } of allows) {
    for (const action of actions) {
      if (covered.has(action) || deniedEverywhere.has(action) || !changesSomething(catalogue, action)) continue;
      const gaps = missing(write, s, role);
      if (gaps.length > 0) report('WRITE', role.readOnly ? 'A change in a read-only role' : 'A change to what the stack does not own', s, action, gaps);
    }
  }
  return findings;
}

/** A permissions boundary may allow only the one service, only on the given resources. */
export function checkBoundary(document, allows, catalogue) {
  const problems = [];
  for (const s of statementsOf(document).filter(st => st.effect === 'Allow')) {
    const outside = [...actionsOf(catalogue, s)].filter(a => !a.startsWith(`${allows.service}:`));
    if (outside.length > 0) problems.push(`${s.label} allows ${outside.length} actions outside ${allows.service}, e.g. ${outside.slice(0, 3).join(', ')}`);
    if (s.resource === undefined || !s.resource.every(r => allows.resources.some(own => within(r, own)))) {
      problems.push(`${s.label} allows resources beyond ${allows.resources.join(', ')}`);
    }
  }
  return problems;
}

/** A GitHub OIDC trust policy: this repository's one environment, GitHub's audience, exact strings only. */
export function checkTrust(document, { providerArn, subject }) {
  const statements = asList(document.Statement) ?? [];
  if (statements.length !== 1) return [`has ${statements.length} statements; exactly one is expected`];
  const [s] = statements;
  const expected = {
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': subject,
    } },
  };
  // Exactly these elements and values: a StringLike, a wildcard, a second subject or a missing audience all differ.
  return Object.keys({ ...expected, ...s }).filter(k => k !== 'Sid')
    .filter(k => JSON.stringify(canonical(s[k])) !== JSON.stringify(canonical(expected[k])))
    .map(k => `${k} must be ${JSON.stringify(expected[k])}, not ${JSON.stringify(s[k])}`);
}

const canonical = value => (typeof value !== 'object' || value === null ? value
  : Object.fromEntries(Object.keys(value).sort().map(k => [k, canonical(value[k])])));
