import { expect, test } from 'vitest';
import { coversEveryAction, coversResourcesOf, coversService, matchesPattern, readPolicyDocument, touchesService } from './policy-document.ts';

test.each([
  ['iam:*Policy*', 'iam:PutRolePolicy', true],
  ['iam:*Policy*', 'iam:PassRole', false],
  ['IAM:passrole', 'iam:PassRole', true],
  ['iam:Pass?ole', 'iam:PassRole', true],
  ['iam:Pass?ole', 'iam:PassXXRole', false],
  ['iam:Pass.Role', 'iam:PassXRole', false],
  ['*', 'sts:AssumeRole', true],
])('action pattern %s matches %s: %s', (pattern, action, expected) => {
  expect(matchesPattern(pattern, action)).toBe(expected);
});

test.each([
  ['*', 'iam', true, true],
  ['*:*', 'iam', true, true],
  ['iam:*', 'iam', false, true],
  ['i*:*', 'iam', false, true],
  ['iam:Get*', 'iam', false, false],
  ['iam:*Policy*', 'iam', false, false],
  ['s3:*', 'iam', false, false],
])('%s grants every action: %s; every action of %s: %s', (pattern, service, every, whole) => {
  expect(coversEveryAction(pattern)).toBe(every);
  expect(coversService(pattern, service)).toBe(whole);
});

test('a pattern touches a service when it may match one of its actions', () => {
  expect(touchesService('iam:Get*', 'iam')).toBe(true);
  expect(touchesService('*', 'iam')).toBe(true);
  expect(touchesService('s3:*', 'iam')).toBe(false);
});

test.each([
  ['*', 'iam', true],
  ['arn:aws:iam::*:role/*', 'iam', true],
  ['arn:aws:iam::111122223333:*', 'iam', true],
  ['arn:aws:iam::111122223333:role/*', 'sts', true],
  ['arn:aws:iam::111122223333:role/deploy-*', 'iam', false],
  ['arn:aws:iam::111122223333:role/a/*', 'iam', false],
  ['arn:aws:s3:::*', 'iam', false],
  ['arn:aws:organizations::111122223333:*', 'organizations', true],
  ['not-an-arn', 'iam', false],
])('resource %s covers every resource of %s: %s', (resource, service, expected) => {
  expect(coversResourcesOf(resource, service)).toBe(expected);
});

test('statements keep their lists as arrays, drop what IAM would refuse, and note conditions', () => {
  const read = readPolicyDocument({
    Statement: [
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: ['*'], Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
      { Effect: 'Deny', NotAction: ['s3:*', 7], NotResource: 'arn:aws:s3:::logs' },
      { Effect: 'allow', Action: '*', Resource: '*' },
      { Effect: 'Allow', Resource: '*' },
      'junk',
    ],
  });
  expect(read).toEqual({
    readable: true,
    statements: [
      { effect: 'Allow', actions: ['iam:PassRole'], notAction: false, resources: ['*'], notResource: false, conditional: true },
      { effect: 'Deny', actions: ['s3:*'], notAction: true, resources: ['arn:aws:s3:::logs'], notResource: true, conditional: false },
    ],
  });
});
