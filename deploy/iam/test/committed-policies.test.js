import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBoundary, checkTrust, REQUIREMENTS } from '../lib/check.js';
import { methods, readPolicy, roleFor, roles, SAMPLE_VALUES } from '../lib/roles.js';
import { catalogue, findings, ids } from './helpers.js';

for (const [name, role] of Object.entries(roles)) {
  for (const stack of role.stacks) {
    test(`${role.policy} opens no escalation method for ${name} of stack ${stack}`, () => {
      assert.deepEqual(findings(readPolicy(role.policy, { ...SAMPLE_VALUES, Stack: stack }), name, stack), []);
    });
  }
}

test("dev's deploy policy can change nothing of prod's", () => {
  const devPolicy = readPolicy('deploy-policy.json', { ...SAMPLE_VALUES, Stack: 'dev' });
  const asProd = findings(devPolicy, 'deploy', 'prod');
  for (const id of ['CREATE-user', 'CREATE-role', 'RSL-4', 'RSL-12', 'RSL-14', 'TAG-role', 'UNTAG-role', 'BOUNDARY-replace', 'WRITE']) {
    assert.ok(ids(asProd).includes(id), `${id} in ${ids(asProd)}`);
  }
});

test("the review policy can change nothing of dev's", () => {
  const review = readPolicy('review-policy.json', SAMPLE_VALUES);
  const asDev = findings(review, 'deploy', 'dev');
  assert.ok(asDev.length > 0);
  assert.ok(asDev.every(f => f.missing.includes('ownNames') || f.missing.includes('existingTag') || f.missing.includes('requestTag') ||
    f.missing.includes('boundary')), JSON.stringify(asDev));
});

test('the preview policy allows only reading (Read and List actions of the catalogue)', () => {
  const preview = readPolicy('preview-policy.json', { ...SAMPLE_VALUES, Stack: 'dev' });
  const levels = new Set(preview.Statement.flatMap(s => s.Action).map(a => catalogue.accessLevel.get(a)));
  assert.deepEqual([...levels].sort(), ['List', 'Read']);
});

test('a write in the read-only preview role is a finding', () => {
  const preview = readPolicy('preview-policy.json', { ...SAMPLE_VALUES, Stack: 'dev' });
  preview.Statement[0].Action.push('iam:DeleteUser');
  assert.deepEqual(findings(preview, 'preview', 'dev').map(f => [f.id, f.actions]), [['WRITE', ['iam:DeleteUser']]]);
});

const trustValues = { ...SAMPLE_VALUES, Environment: 'aws-review-privileged' };
const expectedTrust = {
  providerArn: `arn:aws:iam::${SAMPLE_VALUES.AccountId}:oidc-provider/token.actions.githubusercontent.com`,
  subject: 'repo:OWNER/REPO:environment:aws-review-privileged',
};

for (const file of ['trust-deploy.json', 'trust-preview.json', 'trust-review.json']) {
  test(`${file} trusts exactly one environment of the repository, with GitHub's audience`, () => {
    assert.deepEqual(checkTrust(readPolicy(file, trustValues), expectedTrust), []);
  });
}

test('a trust policy with a wildcard subject, StringLike or no audience is refused', () => {
  const trust = () => readPolicy('trust-review.json', trustValues);
  const wildcard = trust();
  wildcard.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'] = 'repo:OWNER/REPO:*';
  const like = trust();
  like.Statement[0].Condition = { StringLike: like.Statement[0].Condition.StringEquals };
  const noAudience = trust();
  delete noAudience.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:aud'];
  for (const variant of [wildcard, like, noAudience]) {
    assert.match(checkTrust(variant, expectedTrust).join('\n'), /^Condition must be/);
  }
});

for (const [name, role] of Object.entries(roles).filter(([, r]) => r.boundary)) {
  test(`${role.boundary} allows only ${role.boundaryAllows.service} on ${role.boundaryAllows.resources}`, () => {
    const allows = roleFor(name, { ...SAMPLE_VALUES, Stack: role.stacks[0] }).boundaryAllows;
    assert.deepEqual(checkBoundary(readPolicy(role.boundary, SAMPLE_VALUES), allows, catalogue), []);
  });
}

test('the review boundary refuses a bucket outside the review prefix and any action outside S3', () => {
  const allows = { service: 's3', resources: ['arn:aws:s3:::assume-role-pipeline-pr-*'] };
  const boundary = readPolicy('review-boundary.json', SAMPLE_VALUES);
  boundary.Statement.push({ Effect: 'Allow', Action: ['s3:GetObject', 'sts:AssumeRole'], Resource: 'arn:aws:s3:::assume-role-pipeline-dev/*' });
  assert.deepEqual(checkBoundary(boundary, allows, catalogue), [
    'statement 2 allows 1 actions outside s3, e.g. sts:AssumeRole',
    'statement 2 allows resources beyond arn:aws:s3:::assume-role-pipeline-pr-*',
  ]);
});

test('every action the methods name is in the catalogue, spelt as IAM spells it', () => {
  const known = new Set(catalogue.names);
  const named = methods.methods.flatMap(m => [...m.escalate, ...(m.with ?? [])]);
  assert.deepEqual(named.filter(a => !known.has(a)), []);
});

test("every binding is made of the checker's requirements, and every method names a binding", () => {
  const used = Object.values(methods.bindings).flat(2);
  assert.deepEqual(used.filter(r => !(r in REQUIREMENTS)), []);
  assert.deepEqual(methods.methods.filter(m => !(m.binding in methods.bindings)).map(m => m.id), []);
});

test("the table holds Rhino Security Labs' 21 methods", () => {
  assert.deepEqual(methods.methods.filter(m => m.source === 'RSL').map(m => m.id),
    Array.from({ length: 21 }, (_, i) => `RSL-${i + 1}`));
});
