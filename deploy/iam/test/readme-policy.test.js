import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ACCOUNT, findings } from './helpers.js';

// The review policy the README told users to paste, with ACCOUNT filled in as a user would.
const readmePolicy = JSON.parse(readFileSync(new URL('fixtures/readme-review-policy.json', import.meta.url), 'utf8')
  .replaceAll('ACCOUNT', ACCOUNT));
const found = findings(readmePolicy);
const finding = (id, statement, action) => found.find(f => f.id === id && f.statement === statement && f.actions.includes(action));

test("the README's review policy lets TagRole move dev's or prod's role into pr-* (a condition on the request's tag only)", () => {
  assert.deepEqual(finding('TAG-role', 'statement 2', 'iam:TagRole')?.missing, ['untagged']);
});

test("the README's review policy lets TagRole and UntagRole move a review role out of pr-*", () => {
  assert.deepEqual(finding('TAG-role', 'statement 3', 'iam:TagRole')?.missing, ['stackKeyUntouched']);
  assert.deepEqual(finding('UNTAG-role', 'statement 3', 'iam:UntagRole')?.missing, ['stackKeyUntouched']);
});

test("the README's review policy creates roles without the boundary", () => {
  assert.deepEqual(finding('CREATE-role', 'statement 2', 'iam:CreateRole')?.missing, ['boundary']);
});

test("the README's review policy puts any role policy, without the boundary", () => {
  assert.deepEqual(finding('RSL-12', 'statement 3', 'iam:PutRolePolicy')?.missing, ['boundary']);
  assert.deepEqual(finding('RSL-14', 'statement 3', 'iam:UpdateAssumeRolePolicy')?.missing, ['boundary']);
});

test("the README's review policy creates users without the boundary, and their keys without a tag condition", () => {
  assert.deepEqual(finding('CREATE-user', 'statement 1', 'iam:CreateUser')?.missing, ['requestTag', 'boundary']);
  assert.deepEqual(finding('RSL-4', 'statement 1', 'iam:CreateAccessKey')?.missing, ['existingTag']);
});
