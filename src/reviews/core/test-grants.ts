import type { ReviewableGrant } from './scope.ts';

/** Grants as the launch would read them, for the core's unit tests: one builder per item kind. */
export const CONNECTOR = '00000000-0000-4000-8000-000000000001';
export const ACCOUNT = '111111111111';
export const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin';
export const PS_READ = 'arn:aws:sso:::permissionSet/ssoins-1/ps-read';

let nextId = 1;

function grant(over: Partial<ReviewableGrant> & Pick<ReviewableGrant, 'principalType' | 'principalId' | 'resourceType' | 'resourceId' | 'entitlementSlug'>): ReviewableGrant {
  return {
    grantId: nextId++,
    connectorId: CONNECTOR,
    principalName: null,
    personId: null,
    resourceName: null,
    entitlement: null,
    via: null,
    seenFrom: new Date('2026-01-01T00:00:00Z'),
    privileged: null,
    entitlementType: null,
    ...over,
  };
}

export const assignment = (principalType: 'sso_user' | 'sso_group', principalId: string, over: Partial<ReviewableGrant> = {}) =>
  grant({ principalType, principalId, resourceType: 'account', resourceId: ACCOUNT, entitlementSlug: PS_ADMIN, ...over });

export const ssoMembership = (userId: string, groupId: string, over: Partial<ReviewableGrant> = {}) =>
  grant({ principalType: 'sso_user', principalId: userId, resourceType: 'sso_group', resourceId: groupId, entitlementSlug: 'member', ...over });

export const iamMembership = (userName: string, groupName: string, over: Partial<ReviewableGrant> = {}) =>
  grant({
    principalType: 'iam_user', principalId: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    resourceType: 'iam_group', resourceId: `arn:aws:iam::${ACCOUNT}:group/${groupName}`, entitlementSlug: 'member', ...over,
  });

export const trust = (roleName: string, principalType: string, principalId: string, over: Partial<ReviewableGrant> = {}) =>
  grant({
    principalType, principalId, resourceType: 'iam_role', resourceId: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
    entitlementSlug: 'assume', entitlementType: 'trust', ...over,
  });

/** An IAM policy attached to a user: a direct grant of a kind no campaign reviews. */
export const policyAttachment = (userName: string) =>
  grant({
    principalType: 'iam_user', principalId: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    resourceType: 'account', resourceId: ACCOUNT, entitlementSlug: 'policy:AdministratorAccess', entitlementType: 'iam_policy',
  });
