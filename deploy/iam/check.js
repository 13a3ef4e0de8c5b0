#!/usr/bin/env node
// node check.js                      checks every policy of roles.json, for each of its stacks
// node check.js ROLE FILE [STACK]    checks one policy file (a template or a filled one) as ROLE's
import { pathToFileURL } from 'node:url';
import { loadCatalogue } from './lib/catalogue.js';
import { checkBoundary, checkPolicy, checkTrust } from './lib/check.js';
import { methods, readPolicy, roleFor, roles, SAMPLE_VALUES } from './lib/roles.js';

const catalogue = await loadCatalogue();
const problems = [];
const [roleName, file, stack] = process.argv.slice(2);

function checkOne(name, path, values) {
  for (const f of checkPolicy(readPolicy(path, values), roleFor(name, values), { catalogue, methods })) {
    problems.push(`${path} as ${name} (${values.Stack}): ${f.id} ${f.title}: ${f.statement} allows ${f.actions.slice(0, 5).join(', ')}` +
      `${f.actions.length > 5 ? ` and ${f.actions.length - 5} more` : ''} without ${f.missing.join(', ')}`);
  }
}

if (roleName !== undefined) {
  if (file === undefined) throw new Error('Usage: node check.js ROLE FILE [STACK]');
  checkOne(roleName, pathToFileURL(file).href, { ...SAMPLE_VALUES, Stack: stack ?? roles[roleName]?.stacks[0] });
} else {
  for (const [name, role] of Object.entries(roles)) {
    for (const stackName of role.stacks) {
      const values = { ...SAMPLE_VALUES, Stack: stackName, Environment: 'ENVIRONMENT' };
      checkOne(name, role.policy, values);
      const filled = roleFor(name, values);
      const trust = checkTrust(readPolicy(role.trust, values), {
        providerArn: `arn:aws:iam::${values.AccountId}:oidc-provider/token.actions.githubusercontent.com`,
        subject: `repo:${values.Repository}:environment:${values.Environment}`,
      });
      problems.push(...trust.map(p => `${role.trust}: ${p}`));
      if (role.boundary) problems.push(...checkBoundary(readPolicy(role.boundary, values), filled.boundaryAllows, catalogue).map(p => `${role.boundary}: ${p}`));
    }
  }
}

for (const p of problems) console.log(p);
console.log(problems.length === 0 ? 'No escalation found.' : `${problems.length} findings.`);
process.exitCode = problems.length === 0 ? 0 : 1;
