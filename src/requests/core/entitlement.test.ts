import { describe, expect, test } from 'vitest';
import { describeRequested, entitlementKeyOf, ownerResourcesOf, refersTo, sameName, type RequestedEntitlement } from './entitlement.ts';

const PS_ARN = 'arn:aws:sso:::permissionSet/ssoins-1111/ps-admin';
const GROUP_ARN = 'arn:aws:iam::222233334444:group/Deployers';
const admin: RequestedEntitlement = {
  kind: 'permission_set', permissionSetArn: PS_ARN, permissionSetName: 'AdministratorAccess',
  account: { id: '111122223333', name: 'payments-prod', ouPath: 'Root/Workloads/Prod', tags: {} },
};
const ssoGroup: RequestedEntitlement = { kind: 'sso_group', groupId: 'g-123', groupName: 'Admins' };
const iamGroup: RequestedEntitlement = { kind: 'iam_group', groupArn: GROUP_ARN, groupName: 'Deployers', account: { id: '222233334444', name: 'tools' } };

describe('entitlementKeyOf: the key the inventory gives the grant', () => {
  test('a permission set on an account is account:<id>#<permission set ARN>', () => {
    expect(entitlementKeyOf(admin)).toBe(`account:111122223333#${PS_ARN}`);
  });
  test('memberships are <type>:<id>#member, the IAM group by its ARN', () => {
    expect(entitlementKeyOf(ssoGroup)).toBe('sso_group:g-123#member');
    expect(entitlementKeyOf(iamGroup)).toBe(`iam_group:${GROUP_ARN}#member`);
  });
});

describe('describeRequested: how the request reads to people', () => {
  test('as tasks and the explorer say it, an IAM group with its account', () => {
    expect(describeRequested(admin)).toBe('AdministratorAccess on payments-prod');
    expect(describeRequested(ssoGroup)).toBe('member of Admins');
    expect(describeRequested(iamGroup)).toBe('member of Deployers in tools');
  });
});

describe('ownerResourcesOf: whose owners approve when a step names the owner', () => {
  test('the account first, then the permission set; a group itself; an IAM group, then its account', () => {
    expect(ownerResourcesOf(admin)).toEqual([{ resourceType: 'account', resourceId: '111122223333' }, { resourceType: 'permission_set', resourceId: PS_ARN }]);
    expect(ownerResourcesOf(ssoGroup)).toEqual([{ resourceType: 'sso_group', resourceId: 'g-123' }]);
    expect(ownerResourcesOf(iamGroup)).toEqual([{ resourceType: 'iam_group', resourceId: GROUP_ARN }, { resourceType: 'account', resourceId: '222233334444' }]);
  });
});

describe('matching names and ids', () => {
  test('a name matches case-insensitively, trimmed; an id or ARN only exactly', () => {
    expect(sameName(' Payments-PROD ', 'payments-prod')).toBe(true);
    expect(sameName('payments', 'payments-prod')).toBe(false);
    expect(refersTo('Payments-Prod', { id: '111122223333', name: 'payments-prod' })).toBe(true);
    expect(refersTo('111122223333', { id: '111122223333', name: 'payments-prod' })).toBe(true);
    expect(refersTo('11112222333', { id: '111122223333', name: 'payments-prod' })).toBe(false);
  });
});
