import { describe, expect, test } from 'vitest';
import { conditionsHold, denialMessage, evaluate, trustPolicyAdmits, wildcardMatch } from './policy.ts';
import type { PolicyDocument, PolicyStatement } from './state.ts';

const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const ACCT = '111122223333';

describe('evaluate', () => {
  test.each<[string, PolicyDocument[], string, string, ReturnType<typeof evaluate>]>([
    ['allows an action listed exactly', [doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' })], 'iam:ListUsers', `arn:aws:iam::${ACCT}:user/`, 'allow'],
    ['matches actions without regard to case', [doc({ Effect: 'Allow', Action: 'IAM:listusers', Resource: '*' })], 'iam:ListUsers', '*', 'allow'],
    ['matches `*` in actions', [doc({ Effect: 'Allow', Action: 'iam:List*', Resource: '*' })], 'iam:ListRoles', '*', 'allow'],
    ['matches `?` as one character', [doc({ Effect: 'Allow', Action: 'iam:?etRole', Resource: '*' })], 'iam:GetRole', '*', 'allow'],
    ['denies implicitly what no statement allows', [doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' })], 'iam:CreateUser', '*', 'implicit-deny'],
    ['lets an explicit Deny win over an Allow', [doc({ Effect: 'Allow', Action: '*', Resource: '*' }), doc({ Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' })], 'iam:DeleteUser', '*', 'explicit-deny'],
    ['allows everything but NotAction', [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], 'sso:ListInstances', '*', 'allow'],
    ['does not allow what NotAction excludes', [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], 'iam:ListUsers', '*', 'implicit-deny'],
    [
      'matches resource ARNs with wildcards',
      [doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*' })],
      'iam:GetRole',
      `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123`,
      'allow',
    ],
    [
      'does not match a resource outside the pattern',
      [doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*' })],
      'iam:GetRole',
      `arn:aws:iam::${ACCT}:role/Admin`,
      'implicit-deny',
    ],
    ['matches resources case-sensitively', [doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: `arn:aws:iam::${ACCT}:role/admin` })], 'iam:GetRole', `arn:aws:iam::${ACCT}:role/Admin`, 'implicit-deny'],
    ['allows every resource but NotResource', [doc({ Effect: 'Allow', Action: 'iam:GetRole', NotResource: `arn:aws:iam::${ACCT}:role/Secret` })], 'iam:GetRole', `arn:aws:iam::${ACCT}:role/Open`, 'allow'],
    ['ignores conditions in identity policies', [doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })], 'iam:ListUsers', '*', 'allow'],
    ['denies everything with no policies', [], 'iam:ListUsers', '*', 'implicit-deny'],
  ])('%s', (_name, documents, action, resource, expected) => {
    expect(evaluate(documents, action, resource)).toBe(expected);
  });
});

describe('wildcardMatch', () => {
  test.each([
    ['arn:aws:iam::*:saml-provider/AWSSSO_*_DO_NOT_DELETE', 'arn:aws:iam::1:saml-provider/AWSSSO_abc_DO_NOT_DELETE', true],
    ['arn:aws:iam::*:saml-provider/AWSSSO_*_DO_NOT_DELETE', 'arn:aws:iam::1:saml-provider/Okta', false],
    ['a.b', 'aXb', false],
    ['(x)+', '(x)+', true],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });
});

describe('denialMessage', () => {
  test('words an implicit deny as AWS does', () => {
    expect(denialMessage(`arn:aws:iam::${ACCT}:user/bob`, 'iam:ListUsers', `arn:aws:iam::${ACCT}:user/`, 'implicit-deny')).toBe(
      `User: arn:aws:iam::${ACCT}:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCT}:user/ because no identity-based policy allows the iam:ListUsers action`,
    );
  });
  test('words an explicit deny as AWS does', () => {
    expect(denialMessage('arn:x', 'iam:DeleteUser', '*', 'explicit-deny')).toBe('User: arn:x is not authorized to perform: iam:DeleteUser on resource: * with an explicit deny in an identity-based policy');
  });
});

describe('trustPolicyAdmits', () => {
  const host = { accountId: '999988887777', principalArn: 'arn:aws:iam::999988887777:user/rrcu' };
  const session = {
    accountId: ACCT,
    principalArn: `arn:aws:iam::${ACCT}:role/Operator`,
    sessionArn: `arn:aws:sts::${ACCT}:assumed-role/Operator/s`,
  };
  const trust = (principal: PolicyStatement['Principal'], condition?: PolicyStatement['Condition']) =>
    doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', Condition: condition });
  const withExternalId = { StringEquals: { 'sts:ExternalId': 'abc-123' } };

  test.each<[string, PolicyDocument, typeof host, Record<string, string | undefined>, ReturnType<typeof trustPolicyAdmits>]>([
    ['admits a named user with the right External ID', trust({ AWS: host.principalArn }, withExternalId), host, { 'sts:ExternalId': 'abc-123' }, 'named'],
    ['refuses a wrong External ID', trust({ AWS: host.principalArn }, withExternalId), host, { 'sts:ExternalId': 'abc-124' }, 'no'],
    ['refuses a missing External ID', trust({ AWS: host.principalArn }, withExternalId), host, {}, 'no'],
    ['reads condition keys without regard to case', trust({ AWS: host.principalArn }, { StringEquals: { 'sts:externalid': 'abc-123' } }), host, { 'sts:ExternalId': 'abc-123' }, 'named'],
    ['admits by account id, needing an identity policy', trust({ AWS: host.accountId }), host, {}, 'account'],
    ['admits by account root ARN, needing an identity policy', trust({ AWS: `arn:aws:iam::${host.accountId}:root` }), host, {}, 'account'],
    ['refuses a principal from another account', trust({ AWS: `arn:aws:iam::${ACCT}:root` }), host, {}, 'no'],
    ['admits a role session by its role ARN', trust({ AWS: session.principalArn }), session, {}, 'named'],
    ['admits a role session by its session ARN', trust({ AWS: session.sessionArn }), session, {}, 'named'],
    ['refuses a service principal trust for an AWS caller', trust({ Service: 'ec2.amazonaws.com' }), host, {}, 'no'],
  ])('%s', (_name, policy, principal, context, expected) => {
    expect(trustPolicyAdmits(policy, principal, context)).toBe(expected);
  });

  test('an explicit Deny in the trust policy refuses even a named principal', () => {
    const policy = doc(
      { Effect: 'Allow', Principal: { AWS: host.principalArn }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: host.accountId }, Action: 'sts:AssumeRole' },
    );
    expect(trustPolicyAdmits(policy, host, {})).toBe('no');
  });
});

describe('conditionsHold', () => {
  test.each<[string, PolicyStatement['Condition'], Record<string, string | undefined>, boolean]>([
    ['StringLike matches wildcards', { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }, { 'aws:PrincipalArn': 'arn:aws:iam::1:user/a' }, true],
    ['StringNotEquals holds when the key is absent', { StringNotEquals: { 'sts:ExternalId': 'x' } }, {}, true],
    ['IfExists holds when the key is absent', { StringEqualsIfExists: { 'sts:ExternalId': 'x' } }, {}, true],
    ['an unknown operator fails closed', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' } }, { 'aws:CurrentTime': '2030-01-01' }, false],
    ['any of several values matches', { StringEquals: { 'sts:ExternalId': ['a', 'b'] } }, { 'sts:ExternalId': 'b' }, true],
  ])('%s', (_name, condition, context, expected) => {
    expect(conditionsHold(condition, context)).toBe(expected);
  });
});
