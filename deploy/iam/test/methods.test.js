import assert from 'node:assert/strict';
import { test } from 'node:test';
import { methods } from '../lib/roles.js';
import { allow, findings, REVIEW_BOUNDARY, REVIEW_USERS, ROLES } from './helpers.js';

// What each requirement looks like in a policy written for the review stacks.
const CONDITIONS = {
  existingTag: { StringLike: { 'aws:ResourceTag/Stack': 'pr-*' } },
  requestTag: { StringLike: { 'aws:RequestTag/Stack': 'pr-*' } },
  boundary: { StringEquals: { 'iam:PermissionsBoundary': REVIEW_BOUNDARY } },
  stackKeyUntouched: { 'ForAllValues:StringNotEqualsIgnoreCase': { 'aws:TagKeys': ['Stack'] } },
  untagged: { Null: { 'aws:ResourceTag/Stack': 'true' } },
};

/** A statement meeting the given requirements: own names as its Resource, the others as its Condition. */
function bound(actions, requirements) {
  const condition = {};
  for (const r of requirements.filter(r => r !== 'ownNames')) {
    for (const [operator, block] of Object.entries(CONDITIONS[r])) condition[operator] = { ...condition[operator], ...block };
  }
  return allow(actions, requirements.includes('ownNames') ? [REVIEW_USERS, ROLES] : '*',
    Object.keys(condition).length > 0 ? condition : undefined);
}

for (const method of methods.methods) {
  const alternatives = methods.bindings[method.binding];
  const withActions = method.with ?? [];

  test(`${method.id} (${method.title}): allowed on "*", it is found`, () => {
    const found = findings([allow([...method.escalate, ...withActions])]).filter(f => f.id === method.id);
    assert.deepEqual(found.flatMap(f => f.actions).sort(), [...method.escalate].sort());
  });

  if (alternatives.length === 0) {
    test(`${method.id}: denied everywhere, or without ${withActions.join(', ') || 'anything else'} it needs, it is not found`, () => {
      const denied = [allow([...method.escalate, ...withActions]), { Effect: 'Deny', Action: method.escalate, Resource: '*' }];
      assert.deepEqual(findings(denied).filter(f => f.id === method.id), []);
      if (withActions.length > 0) {
        assert.deepEqual(findings([allow(method.escalate)]).filter(f => f.id === method.id), []);
      }
    });
    continue;
  }

  for (const alternative of alternatives) {
    test(`${method.id}: bound by ${alternative.join(' + ')}, it is not found; one requirement short, it is`, () => {
      assert.deepEqual(findings([bound(method.escalate, alternative), allow(withActions.length ? withActions : 'iam:GetUser')])
        .filter(f => f.id === method.id), []);
      for (const left of alternative) {
        const short = findings([bound(method.escalate, alternative.filter(r => r !== left))]).filter(f => f.id === method.id);
        assert.ok(short.length > 0, `without ${left} it should be found`);
        // With one way to bind, the finding names exactly what is missing; with two, the nearer way's gap.
        if (alternatives.length === 1) assert.deepEqual([...new Set(short.flatMap(f => f.missing))], [left]);
      }
    });
  }
}
