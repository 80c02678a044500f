import { describe, expect, test } from 'vitest';
import { isRrcuError } from '../../../core/errors.ts';
import type { ProvisioningTarget } from '../../connector.ts';
import { provisioningKind } from './check.ts';

const ACCOUNT = '111122223333';
const PS = 'arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef';
const SSO_ID = '90676b5d10-1c8d6b12-4d7e-4a3f-9b1c-0a1b2c3d4e5f';

const target = (resourceType: string, resourceExternalId: string, slug: string, principalType: string, principalId: string): ProvisioningTarget => ({
  entitlement: { key: `${resourceType}:${resourceExternalId}#${slug}`, resourceType, resourceExternalId, slug, displayName: slug, attributes: {} },
  principal: { resourceType: principalType, externalId: principalId, displayName: principalId, attributes: {} },
});

function refusalOf(t: ProvisioningTarget): { message: string; fix: string | undefined } {
  try {
    provisioningKind('grant', t);
  } catch (error) {
    if (isRrcuError(error, 'NOT_PROVISIONABLE')) return { message: error.message, fix: error.fix };
    throw error;
  }
  throw new Error('expected NOT_PROVISIONABLE');
}

describe('provisioningKind', () => {
  test.each([
    ['an IAM user into an IAM group of its account', target('iam_group', `arn:aws:iam::${ACCOUNT}:group/ops/Admins`, 'member', 'iam_user', `arn:aws:iam::${ACCOUNT}:user/jane`), 'iam-group-member'],
    ['an Identity Center user into an Identity Center group', target('sso_group', SSO_ID, 'member', 'sso_user', SSO_ID), 'sso-group-member'],
    ['a permission set on an account to a user', target('account', ACCOUNT, PS, 'sso_user', SSO_ID), 'account-assignment'],
    ['a permission set on an account to a group', target('account', ACCOUNT, PS, 'sso_group', SSO_ID), 'account-assignment'],
    // AWS's model allows `ins-` without `sso` and ids of any 16 of [a-zA-Z0-9-.]; a hex-only check refused them.
    ['a permission set whose ARN has an ins- instance and non-hex ids', target('account', ACCOUNT, 'arn:aws:sso:::permissionSet/ins-Abc.def-1234567X/ps-Zz.9-y/012345678', 'sso_user', SSO_ID), 'account-assignment'],
  ])('accepts %s', (_, t, kind) => {
    expect(provisioningKind('grant', t)).toBe(kind);
    expect(provisioningKind('revoke', t)).toBe(kind);
  });

  test.each([
    ['an IAM role as the principal', target('account', ACCOUNT, PS, 'iam_role', `arn:aws:iam::${ACCOUNT}:role/Deploy`), /IAM roles are assumed, not granted/, /permission set/],
    ['an IAM role as the resource', target('iam_role', `arn:aws:iam::${ACCOUNT}:role/Deploy`, 'member', 'iam_user', `arn:aws:iam::${ACCOUNT}:user/jane`), /IAM roles are assumed/, /group membership/],
    ['a permission set resource', target('permission_set', PS, 'member', 'sso_user', SSO_ID), /until it is assigned on an account/, /entitlement on an account/],
    ['an account without a permission set', target('account', ACCOUNT, 'member', 'sso_user', SSO_ID), /not a permission set ARN/, /permission set entitlements/],
    ['a group inside an Identity Center group', target('sso_group', SSO_ID, 'member', 'sso_group', SSO_ID), /cannot contain groups/, /each user/],
    ['a group inside an IAM group', target('iam_group', `arn:aws:iam::${ACCOUNT}:group/Admins`, 'member', 'iam_group', `arn:aws:iam::${ACCOUNT}:group/Ops`), /cannot contain groups/, /each user/],
    ['an IAM user of another account', target('iam_group', `arn:aws:iam::${ACCOUNT}:group/Admins`, 'member', 'iam_user', 'arn:aws:iam::444455556666:user/jane'), /account 111122223333 and the user in account 444455556666/, /group of account 444455556666/],
    ['an IAM user on a permission set', target('account', ACCOUNT, PS, 'iam_user', `arn:aws:iam::${ACCOUNT}:user/jane`), /Identity Center users and groups only/, /IAM group/],
    ['an Identity Center user in an IAM group', target('iam_group', `arn:aws:iam::${ACCOUNT}:group/Admins`, 'member', 'sso_user', SSO_ID), /only IAM users/, /Identity Center group or a permission set/],
  ])('refuses %s, saying why and what to grant instead', (_, t, why, instead) => {
    const refusal = refusalOf(t);
    expect(refusal.message).toMatch(why);
    expect(refusal.fix).toMatch(instead);
  });

  test('names the action, the entitlement and the principal it refuses', () => {
    expect(() => provisioningKind('revoke', target('permission_set', PS, 'member', 'sso_user', SSO_ID))).toThrow(/cannot revoke member \(permission_set arn:aws:sso:::permissionSet\/.*\) from 90676b5d10/);
  });
});
