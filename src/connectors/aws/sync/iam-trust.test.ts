import { expect, test } from 'vitest';
import type { GrantItem, InventoryItem, ResourceItem } from '../../../core/inventory-items.ts';
import { trustItems } from './iam-trust.ts';

const ORG = new Set(['111111111111', '222222222222']);
const ROLE = 'arn:aws:iam::111111111111:role/Deploy';
const ASSUME_KEY = `iam_role:${ROLE}#assume`;

const items = (trustPolicy: unknown, permissionSetArn?: string): InventoryItem[] =>
  trustItems('111111111111', { arn: ROLE, name: 'Deploy', trustPolicy, ...(permissionSetArn ? { permissionSetArn } : {}) }, ORG);
const grants = (trustPolicy: unknown): GrantItem[] => items(trustPolicy).filter((i): i is GrantItem => i.kind === 'grant');
const principals = (trustPolicy: unknown): string[] => grants(trustPolicy).map((g) => `${g.principal.resourceType}:${g.principal.externalId}`);
const allow = (Principal: unknown, Action: unknown = 'sts:AssumeRole', extra: object = {}) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action, ...extra }] });

test('a role has one "may assume" entitlement, carrying its permission set when Identity Center made it', () => {
  const ps = 'arn:aws:sso:::permissionSet/ssoins-1/ps-1';
  expect(items(allow({ Service: 'ec2.amazonaws.com' }), ps).filter((i) => i.kind === 'entitlement')).toEqual([
    { kind: 'entitlement', resource: { resourceType: 'iam_role', externalId: ROLE }, slug: 'assume', displayName: 'may assume', attributes: { entitlementType: 'trust', permissionSetArn: ps } },
  ]);
});

test('AWS principals in the organisation are its accounts, IAM users and roles; an assumed-role session is its role', () => {
  const policy = allow({
    AWS: [
      'arn:aws:iam::222222222222:root',
      '111111111111',
      'arn:aws:iam::222222222222:user/ops/alice',
      'arn:aws:iam::222222222222:role/Ci',
      'arn:aws:sts::222222222222:assumed-role/Builder/session-1',
    ],
  });
  expect(principals(policy)).toEqual([
    'account:111111111111',
    'account:222222222222',
    'iam_role:arn:aws:iam::222222222222:role/Builder',
    'iam_role:arn:aws:iam::222222222222:role/Ci',
    'iam_user:arn:aws:iam::222222222222:user/ops/alice',
  ]);
  expect(grants(policy).every((g) => g.attributes?.external === undefined)).toBe(true);
  expect(grants(policy).find((g) => g.principal.externalId === '111111111111')?.attributes).toEqual({ actions: ['sts:AssumeRole'] });
  expect(grants(policy).find((g) => g.principal.externalId === '222222222222')?.attributes).toEqual({ actions: ['sts:AssumeRole'], crossAccount: true });
});

test('a principal outside the organisation, and anyone (*), is an external principal that the items also describe', () => {
  const all = items({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::999988887777:root', '999988887776'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: 'AROAEXAMPLEDELETEDROLE' }, Action: 'sts:AssumeRole' },
    ],
  });
  const byId = new Map(all.filter((i): i is GrantItem => i.kind === 'grant').map((g) => [g.principal.externalId, g]));
  for (const id of ['arn:aws:iam::999988887777:root', '999988887776', '*', 'AROAEXAMPLEDELETEDROLE']) {
    expect(byId.get(id)?.principal.resourceType).toBe('external_principal');
    expect(byId.get(id)?.attributes?.external).toBe(true);
  }
  const resources = all.filter((i): i is ResourceItem => i.kind === 'resource');
  expect(resources.map((r) => [r.externalId, r.displayName, r.attributes])).toEqual([
    ['*', 'Anyone (*)', { external: true }],
    ['999988887776', '999988887776', { external: true, accountId: '999988887776' }],
    ['AROAEXAMPLEDELETEDROLE', 'AROAEXAMPLEDELETEDROLE', { external: true }],
    ['arn:aws:iam::999988887777:root', '999988887777:root', { external: true, accountId: '999988887777' }],
  ]);
  expect(principals(allow({ AWS: '*' }))).toEqual(['external_principal:*']);
});

test('service and federated principals are AWS services and identity providers, named readably', () => {
  const all = items(
    allow(
      { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'], Federated: ['arn:aws:iam::111111111111:saml-provider/Okta', 'cognito-identity.amazonaws.com'] },
      ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
    ),
  );
  expect(all.filter((i): i is ResourceItem => i.kind === 'resource').map((r) => [r.resourceType, r.externalId, r.displayName, r.attributes])).toEqual([
    ['aws_service', 'ec2.amazonaws.com', 'ec2.amazonaws.com', undefined],
    ['aws_service', 'lambda.amazonaws.com', 'lambda.amazonaws.com', undefined],
    ['identity_provider', 'arn:aws:iam::111111111111:saml-provider/Okta', 'Okta', { accountId: '111111111111' }],
    ['identity_provider', 'cognito-identity.amazonaws.com', 'cognito-identity.amazonaws.com', undefined],
  ]);
  expect(grants(allow({ Service: 'ec2.amazonaws.com' }))[0]).toEqual({
    kind: 'grant',
    entitlementKey: ASSUME_KEY,
    principal: { resourceType: 'aws_service', externalId: 'ec2.amazonaws.com' },
    attributes: { actions: ['sts:AssumeRole'] },
  });
});

test.each([
  ['sts:AssumeRole', true],
  ['sts:AssumeRoleWithWebIdentity', true],
  ['sts:AssumeRoleWithSAML', true],
  ['sts:Assume*', true],
  ['sts:*', true],
  ['*', true],
  ['STS:assumerole', true],
  ['s3:GetObject', false],
  ['sts:GetCallerIdentity', false],
  // Session tags and source identity only go with an assume; alone they let no one assume the role.
  ['sts:TagSession', false],
  ['sts:SetSourceIdentity', false],
  [['sts:TagSession', 'sts:SetSourceIdentity'], false],
  [['sts:TagSession', 'sts:AssumeRoleWithSAML'], true],
])('an Allow of %s grants "may assume": %s', (action, grantsIt) => {
  expect(grants(allow({ Service: 'ec2.amazonaws.com' }, action)).length).toBe(grantsIt ? 1 : 0);
});

test.each([
  ['sts:TagSession', true, ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']],
  [['sts:AssumeRole', 'sts:AssumeRoleWithSAML'], true, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']],
  ['s3:*', true, ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession']],
  ['sts:Assume*', false, []],
  ['sts:*', false, []],
  ['*', false, []],
])('an Allow with NotAction %s grants "may assume" (%s) when it leaves an assume action out, with the actions it leaves', (notAction, grantsIt, actions) => {
  // Regression: NotAction was not read, so "everything but sts:TagSession" gave no grant although it allows sts:AssumeRole.
  const found = grants({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, NotAction: notAction }] });
  expect(found.length).toBe(grantsIt ? 1 : 0);
  if (grantsIt) expect(found[0]!.attributes?.actions).toEqual(actions);
});

test('Deny statements grant nothing but are noted; a Condition makes the grant conditional, with its keys', () => {
  const all = items({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
      { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' },
    ],
  });
  expect(all.find((i) => i.kind === 'entitlement')?.attributes).toEqual({ entitlementType: 'trust', hasDenyStatements: true, hasConditions: true });
  const only = all.filter((i): i is GrantItem => i.kind === 'grant');
  expect(only.map((g) => g.attributes)).toEqual([{ actions: ['sts:AssumeRole'], external: true, conditional: true, conditionKeys: ['aws:MultiFactorAuthPresent', 'sts:ExternalId'] }]);
});

test('a principal in several statements is one grant with their actions, unconditional when any statement is', () => {
  const policy = {
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } },
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ],
  };
  expect(grants(policy).map((g) => g.attributes)).toEqual([{ actions: ['sts:AssumeRole', 'sts:TagSession'], crossAccount: true }]);
});

test('a statement that only allows sts:TagSession adds neither a grant nor its actions, nor makes a conditional grant unconditional', () => {
  const policy = {
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } },
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::999988887777:root'] }, Action: ['sts:TagSession'] },
    ],
  };
  expect(grants(policy).map((g) => [g.principal.externalId, g.attributes])).toEqual([
    ['222222222222', { actions: ['sts:AssumeRole'], crossAccount: true, conditional: true, conditionKeys: ['sts:ExternalId'] }],
  ]);
});

test('the trust policy is read as an object, JSON text or IAM\'s URL-encoded JSON, with single or listed values', () => {
  const policy = { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' } };
  const expected = ['aws_service:ec2.amazonaws.com'];
  expect(principals(policy)).toEqual(expected);
  expect(principals(JSON.stringify(policy))).toEqual(expected);
  expect(principals(encodeURIComponent(JSON.stringify(policy)))).toEqual(expected);
});

test.each([
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['text that is not JSON', 'not a policy %E0%A4%A'],
  ['an array', []],
  ['no Statement', { Version: '2012-10-17' }],
  ['statements that are not objects', { Statement: [null, 'x', 3] }],
  ['a principal of the wrong shape', { Statement: [{ Effect: 'Allow', Principal: 7, Action: 'sts:AssumeRole' }] }],
  ['principal values that are not strings', { Statement: [{ Effect: 'Allow', Principal: { AWS: [null, 5, {}] }, Action: 'sts:AssumeRole' }] }],
  ['no Action', { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }] }],
  ['a Condition of the wrong shape', { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 7, Condition: 'x' }] }],
])('a malformed trust policy (%s) yields the entitlement and no grants', (_, policy) => {
  const all = items(policy);
  expect(all.map((i) => i.kind)).toEqual(['entitlement']);
});
