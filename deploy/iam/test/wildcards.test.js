import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillTemplate, within } from '../lib/check.js';
import { allow, findings, ids, REVIEW_BOUNDARY, ROLES } from './helpers.js';

const EVERY_IAM_METHOD = ['BOUNDARY-delete', 'BOUNDARY-edit', 'BOUNDARY-replace', 'CREATE-role', 'CREATE-user', 'PASSROLE-any',
  'RSL-1', 'RSL-10', 'RSL-11', 'RSL-12', 'RSL-13', 'RSL-14', 'RSL-2', 'RSL-4', 'RSL-5', 'RSL-6', 'RSL-7', 'RSL-8', 'RSL-9',
  'TAG-role', 'TAG-user', 'UNTAG-role', 'UNTAG-user', 'WRITE'];

test('{"Effect":"Allow","Action":"*","Resource":"*"} opens every method', () => {
  const found = ids(findings({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }));
  assert.ok(EVERY_IAM_METHOD.every(id => found.includes(id)), found.join());
  assert.ok(found.includes('RSL-3') && found.includes('RSL-17') && found.includes('RSL-21'), found.join());
});

test('"*:*" reads as "*"', () => {
  assert.deepEqual(ids(findings([allow('*:*')])), ids(findings([allow('*')])));
});

test('iam:* on "*" opens every IAM method, and no method of another service', () => {
  assert.deepEqual(ids(findings([allow('iam:*')])), EVERY_IAM_METHOD);
});

test('iam:Put* is expanded against the catalogue: each Put action under its method, the rest as a change', () => {
  assert.deepEqual(findings([allow('iam:Put*')]).map(f => [f.id, f.actions.sort()]), [
    ['RSL-10', ['iam:PutUserPolicy']],
    ['RSL-11', ['iam:PutGroupPolicy']],
    ['RSL-12', ['iam:PutRolePolicy']],
    ['BOUNDARY-replace', ['iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary']],
    ['WRITE', ['iam:PutAccountProperties']],
  ]);
});

test('action names match ignoring case, as IAM matches them', () => {
  assert.deepEqual(findings([allow('IAM:putrolepolicy')]).map(f => [f.id, f.actions]), [['RSL-12', ['iam:PutRolePolicy']]]);
});

test('NotAction allows everything it does not name: NotAction s3:* opens the IAM methods', () => {
  const found = ids(findings([{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }]));
  assert.ok(EVERY_IAM_METHOD.every(id => found.includes(id)), found.join());
});

test('NotAction naming the dangerous actions still leaves the rest of iam:* open', () => {
  const found = ids(findings([{ Effect: 'Allow', NotAction: ['iam:Put*', 'iam:Attach*', 'iam:Create*'], Resource: '*' }]));
  assert.ok(found.includes('RSL-14') && found.includes('TAG-role') && found.includes('RSL-13'), found.join());
  assert.ok(!found.includes('RSL-12') && !found.includes('CREATE-role'), found.join());
});

test('NotResource is never the stack\'s own names, whatever its conditions', () => {
  const statement = {
    Effect: 'Allow', Action: 'iam:PutRolePolicy', NotResource: 'arn:aws:iam::111122223333:role/admin',
    Condition: { StringLike: { 'aws:ResourceTag/Stack': 'pr-*' }, StringEquals: { 'iam:PermissionsBoundary': REVIEW_BOUNDARY } },
  };
  assert.deepEqual(findings([statement]).map(f => [f.id, f.missing]), [['RSL-12', ['ownNames']]]);
});

test('a condition that holds when the key is absent (IfExists), or on another key, binds nothing', () => {
  const boundary = { StringEquals: { 'iam:PermissionsBoundary': REVIEW_BOUNDARY } };
  const ifExists = allow('iam:PutRolePolicy', ROLES, { StringLikeIfExists: { 'aws:ResourceTag/Stack': 'pr-*' }, ...boundary });
  const otherKey = allow('iam:PutRolePolicy', ROLES, { StringLike: { 'aws:ResourceTag/Owner': 'pr-*' }, ...boundary });
  for (const statement of [ifExists, otherKey]) {
    assert.deepEqual(findings([statement]).map(f => [f.id, f.missing]), [['RSL-12', ['existingTag']]]);
  }
});

test('a tag condition wider than the stack binds nothing: pr* or * are not pr-*', () => {
  for (const value of ['pr*', '*', ['pr-*', 'dev']]) {
    const statement = allow('iam:DeleteRole', ROLES, { StringLike: { 'aws:ResourceTag/Stack': value } });
    assert.deepEqual(findings([statement]).map(f => f.missing), [['existingTag']], JSON.stringify(value));
  }
});

test('excluding the Stack tag key case-sensitively is not enough: IAM would let "stack" replace "Stack"', () => {
  const statement = allow('iam:TagRole', ROLES, {
    StringLike: { 'aws:ResourceTag/Stack': 'pr-*' }, 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['Stack'] },
  });
  assert.deepEqual(findings([statement]).map(f => [f.id, f.missing]), [['TAG-role', ['stackKeyUntouched']]]);
});

test('only a Deny that holds everywhere counts: a conditional Deny leaves the method open', () => {
  const conditionalDeny = { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
  assert.ok(ids(findings([allow('iam:*'), conditionalDeny])).includes('PASSROLE-any'));
  assert.ok(!ids(findings([allow('iam:*'), { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }])).includes('PASSROLE-any'));
});

test('an unknown action is an error naming it, not an empty allowance', () => {
  assert.throws(() => findings([allow('iam:PutRolePolicies')]), /Action "iam:PutRolePolicies" names no action in the IAM catalogue/);
});

test('a malformed statement is an error naming the statement and the rule', () => {
  assert.throws(() => findings([{ Effect: 'Allow', Resource: '*' }]), /statement 1: needs exactly one of Action and NotAction/);
  assert.throws(() => findings([{ Sid: 'X', Effect: 'allow', Action: '*', Resource: '*' }]), /statement 1 \(X\): Effect must be "Allow" or "Deny", not "allow"/);
  assert.throws(() => findings({ Version: '2012-10-17' }), /needs a "Statement"/);
});

test('templates fill only their five placeholders and leave IAM policy variables alone', () => {
  assert.equal(fillTemplate('${Stack}/${aws:username}', { Stack: 'dev' }), 'dev/${aws:username}');
  assert.throws(() => fillTemplate('${Account}', {}), /Unknown placeholder \$\{Account\}/);
  assert.throws(() => fillTemplate('${Stack}', {}), /No value given for the placeholder \$\{Stack\}/);
});

test('within: a pattern is inside another only when every string it matches is', () => {
  assert.equal(within('pr-12', 'pr-*'), true);
  assert.equal(within('pr-1*', 'pr-*'), true);
  assert.equal(within('arn:aws:s3:::assume-role-pipeline-pr-*/*', 'arn:aws:s3:::assume-role-pipeline-pr-*'), true);
  assert.equal(within('p*', 'pr-*'), false);
  assert.equal(within('pr-?', 'pr-1'), false);
  assert.equal(within('PR-1', 'pr-*'), false);
  assert.equal(within('prod', 'pr-*'), false);
});
