import { describe, expect, test } from 'vitest';
import type { AccessRow } from '../../access/index.ts';
import { campaignScopeSchema, excludedBy, inScope, isReviewable, reviewGrantKey, reviewItemKind, toReviewableGrant, type CampaignScope, type ScopeContext } from './scope.ts';
import { ACCOUNT, assignment, CONNECTOR, iamMembership, policyAttachment, PS_ADMIN, PS_READ, ssoMembership, trust } from './test-grants.ts';

const OTHER_ACCOUNT = '222222222222';
const context = (ouPaths: Record<string, string> = {}, inactive: string[] = []): ScopeContext => ({
  ouPathOf: (id) => ouPaths[id],
  isInactive: (g) => inactive.includes(g.principalId),
});
const scope = (over: Partial<CampaignScope> = {}): CampaignScope => ({ connectorId: CONNECTOR, ...over });

describe('what is reviewable', () => {
  test.each([
    ['a user in an Identity Center group', ssoMembership('u-1', 'g-1'), 'sso_group_membership'],
    ['a user\'s permission set on an account', assignment('sso_user', 'u-1'), 'permission_set_assignment'],
    ['a group\'s permission set on an account', assignment('sso_group', 'g-1'), 'permission_set_assignment'],
    ['an IAM user in an IAM group', iamMembership('alice', 'Admins'), 'iam_group_membership'],
    ['who may assume a role', trust('Deploy', 'iam_role', `arn:aws:iam::${OTHER_ACCOUNT}:role/ci`), 'role_trust'],
  ])('%s is an item', (_, grant, kind) => {
    expect(reviewItemKind(grant)).toBe(kind);
    expect(isReviewable(grant)).toBe(true);
  });

  test('a grant held through a group is not an item: the membership and the group\'s assignment are', () => {
    expect(isReviewable(assignment('sso_user', 'u-1', { via: 'g-1' }))).toBe(false);
  });

  test('a policy attached to a user is not a kind reviews take', () => {
    expect(isReviewable(policyAttachment('alice'))).toBe(false);
  });

  test('an assume entitlement of another type is not role trust', () => {
    expect(reviewItemKind(trust('Deploy', 'iam_role', 'x', { entitlementType: 'iam_policy' }))).toBeNull();
  });

  test('the grant key is the inventory\'s', () => {
    expect(reviewGrantKey(assignment('sso_user', 'u-1'))).toBe(`account:${ACCOUNT}#${PS_ADMIN}|sso_user:u-1|`);
  });
});

describe('toReviewableGrant', () => {
  const row: AccessRow = {
    grantId: 7, connectorId: CONNECTOR, principalType: 'sso_user', principalId: 'u-1', principalName: 'ana', personId: null,
    resourceType: 'account', resourceId: ACCOUNT, resourceName: 'prod', entitlementSlug: PS_ADMIN, entitlement: 'Admin',
    entitlementAttributes: { privileged: true, entitlementType: 'x', other: 1 }, via: null, viaName: null,
    seenFrom: new Date('2026-01-01T00:00:00Z'), seenTo: null, privilegedMark: null, pending: null,
  } as unknown as AccessRow;

  test('lifts the privileged verdict and the entitlement type out of the attributes', () => {
    expect(toReviewableGrant(row)).toMatchObject({ grantId: 7, privileged: true, entitlementType: 'x' });
    expect(toReviewableGrant({ ...row, entitlementAttributes: {} })).toMatchObject({ privileged: null, entitlementType: null });
  });

  test('an administrator\'s mark makes the entitlement privileged', () => {
    expect(toReviewableGrant({ ...row, entitlementAttributes: { privileged: false }, privilegedMark: { id: 'm-1', by: 'adam', at: new Date(), reason: 'break-glass' } })?.privileged).toBe(true);
  });

  test('a row no committed sync saw (a task\'s pending grant or revoke) is no grant of a population', () => {
    expect(toReviewableGrant({ ...row, grantId: null } as unknown as AccessRow)).toBeNull();
    expect(toReviewableGrant({ ...row, pending: { kind: 'revoke', taskId: 't', verifiedAt: new Date() } })).toBeNull();
  });
});

describe('campaignScopeSchema', () => {
  test('takes every filter at once', () => {
    const parsed = campaignScopeSchema.parse({
      connectorId: CONNECTOR, resourceTypes: ['account'], accountIds: [ACCOUNT], ouPaths: ['/Workloads/Prod/'], permissionSetArns: [PS_ADMIN],
      groupIds: ['g-1'], principalTypes: ['sso_user', 'iam_role'], privilegedOnly: true, people: { mode: 'named', personIds: ['00000000-0000-4000-8000-0000000000aa'] },
    });
    expect(parsed.ouPaths).toEqual(['Workloads/Prod']);
  });

  test.each([
    [{ connectorId: 'nope' }, 'connectorId'],
    [{ connectorId: CONNECTOR, accountIds: ['12'] }, 'accountIds'],
    [{ connectorId: CONNECTOR, accountIds: [] }, 'accountIds'],
    [{ connectorId: CONNECTOR, principalTypes: ['iam_group'] }, 'principalTypes'],
    [{ connectorId: CONNECTOR, permissionSetArns: ['arn:aws:iam::1:role/x'] }, 'permissionSetArns'],
    [{ connectorId: CONNECTOR, people: { mode: 'named', personIds: [] } }, 'people'],
    [{ connectorId: CONNECTOR, people: { mode: 'everyone' } }, 'people'],
  ])('refuses %j naming %s', (input, field) => {
    const result = campaignScopeSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
});

describe('inScope', () => {
  test('a scope of only the connector takes every reviewable kind but role trust', () => {
    const s = scope();
    expect(inScope(ssoMembership('u-1', 'g-1'), s, context())).toBe(true);
    expect(inScope(assignment('sso_group', 'g-1'), s, context())).toBe(true);
    expect(inScope(iamMembership('alice', 'Admins'), s, context())).toBe(true);
    expect(excludedBy(trust('Deploy', 'iam_role', 'x'), s, context())).toBe('principalTypes');
  });

  test('role trust is in only when principalTypes names iam_role, whatever may assume the role', () => {
    const s = scope({ principalTypes: ['iam_role'] });
    expect(inScope(trust('Deploy', 'external_principal', '*'), s, context())).toBe(true);
    expect(excludedBy(assignment('sso_user', 'u-1'), s, context())).toBe('principalTypes');
  });

  test('another connector\'s grant is out', () => {
    expect(excludedBy(assignment('sso_user', 'u-1', { connectorId: '00000000-0000-4000-8000-000000000002' }), scope(), context())).toBe('connectorId');
  });

  test('a grant through a group is never in scope', () => {
    expect(inScope(assignment('sso_user', 'u-1', { via: 'g-1' }), scope(), context())).toBe(false);
  });

  test('resourceTypes keeps items on those resource types', () => {
    const s = scope({ resourceTypes: ['sso_group'] });
    expect(inScope(ssoMembership('u-1', 'g-1'), s, context())).toBe(true);
    expect(excludedBy(assignment('sso_user', 'u-1'), s, context())).toBe('resourceTypes');
  });

  test('accountIds takes the account of an assignment and the account in an IAM ARN', () => {
    const s = scope({ accountIds: [ACCOUNT], principalTypes: ['iam_user', 'sso_user', 'iam_role'] });
    expect(inScope(assignment('sso_user', 'u-1'), s, context())).toBe(true);
    expect(inScope(iamMembership('alice', 'Admins'), s, context())).toBe(true);
    expect(inScope(trust('Deploy', 'iam_role', 'x'), s, context())).toBe(true);
    expect(excludedBy(assignment('sso_user', 'u-1', { resourceId: OTHER_ACCOUNT }), s, context())).toBe('accountIds');
    // An Identity Center group belongs to no account.
    expect(excludedBy(ssoMembership('u-1', 'g-1'), s, context())).toBe('accountIds');
  });

  test.each([
    ['Workloads', 'Workloads/Prod', true],
    ['Workloads', 'Workloads', true],
    ['Workloads/Prod', 'Workloads', false],
    ['Workloads', 'WorkloadsArchive', false],
    ['', '', true],
    ['', 'Sandbox', true],
  ])('OU path %j matches an account under %j: %s (whole names only)', (prefix, accountPath, expected) => {
    const s = scope({ ouPaths: [prefix] });
    expect(inScope(assignment('sso_user', 'u-1'), s, context({ [ACCOUNT]: accountPath }))).toBe(expected);
  });

  test('an account whose OU path was not synced is out of an OU filter', () => {
    expect(excludedBy(assignment('sso_user', 'u-1'), scope({ ouPaths: ['Workloads'] }), context())).toBe('ouPaths');
  });

  test('permissionSetArns keeps the assignments of those permission sets only', () => {
    const s = scope({ permissionSetArns: [PS_READ] });
    expect(inScope(assignment('sso_user', 'u-1', { entitlementSlug: PS_READ }), s, context())).toBe(true);
    expect(excludedBy(assignment('sso_user', 'u-1'), s, context())).toBe('permissionSetArns');
    expect(excludedBy(ssoMembership('u-1', 'g-1'), s, context())).toBe('permissionSetArns');
  });

  test('groupIds keeps the group\'s memberships and an Identity Center group\'s own assignments', () => {
    const groupArn = `arn:aws:iam::${ACCOUNT}:group/Admins`;
    const s = scope({ groupIds: ['g-1', groupArn] });
    expect(inScope(ssoMembership('u-1', 'g-1'), s, context())).toBe(true);
    expect(inScope(assignment('sso_group', 'g-1'), s, context())).toBe(true);
    expect(inScope(iamMembership('alice', 'Admins'), s, context())).toBe(true);
    expect(excludedBy(ssoMembership('u-1', 'g-2'), s, context())).toBe('groupIds');
    expect(excludedBy(assignment('sso_user', 'u-1'), s, context())).toBe('groupIds');
  });

  test('principalTypes filters by who holds the grant', () => {
    const s = scope({ principalTypes: ['sso_group'] });
    expect(inScope(assignment('sso_group', 'g-1'), s, context())).toBe(true);
    expect(excludedBy(assignment('sso_user', 'u-1'), s, context())).toBe('principalTypes');
    expect(excludedBy(iamMembership('alice', 'Admins'), s, context())).toBe('principalTypes');
  });

  test('privilegedOnly leaves out what is not privileged and what could not be assessed', () => {
    const s = scope({ privilegedOnly: true });
    expect(inScope(assignment('sso_user', 'u-1', { privileged: true }), s, context())).toBe(true);
    expect(excludedBy(assignment('sso_user', 'u-1', { privileged: false }), s, context())).toBe('privilegedOnly');
    expect(excludedBy(assignment('sso_user', 'u-1', { privileged: null }), s, context())).toBe('privilegedOnly');
  });

  describe('people', () => {
    const ana = '00000000-0000-4000-8000-0000000000aa';
    test('named keeps the grants of those people', () => {
      const s = scope({ people: { mode: 'named', personIds: [ana] } });
      expect(inScope(assignment('sso_user', 'u-1', { personId: ana }), s, context())).toBe(true);
      expect(excludedBy(assignment('sso_user', 'u-2'), s, context())).toBe('people');
    });

    test('unmatched keeps users no person matched, not groups', () => {
      const s = scope({ people: { mode: 'unmatched' } });
      expect(inScope(iamMembership('svc', 'Deployers'), s, context())).toBe(true);
      expect(excludedBy(assignment('sso_user', 'u-1', { personId: ana }), s, context())).toBe('people');
      expect(excludedBy(assignment('sso_group', 'g-1'), s, context())).toBe('people');
    });

    test('inactive keeps the grants of disabled Identity Center users', () => {
      const s = scope({ people: { mode: 'inactive' } });
      expect(inScope(assignment('sso_user', 'u-1'), s, context({}, ['u-1']))).toBe(true);
      expect(excludedBy(assignment('sso_user', 'u-2'), s, context({}, ['u-1']))).toBe('people');
    });

    test('all narrows nothing', () => {
      expect(inScope(assignment('sso_group', 'g-1'), scope({ people: { mode: 'all' } }), context())).toBe(true);
    });
  });

  test('filters combine with AND: the first that leaves a grant out is named', () => {
    const s = scope({ accountIds: [ACCOUNT], privilegedOnly: true, principalTypes: ['sso_user'] });
    expect(inScope(assignment('sso_user', 'u-1', { privileged: true }), s, context())).toBe(true);
    expect(excludedBy(assignment('sso_user', 'u-1', { privileged: false }), s, context())).toBe('privilegedOnly');
    expect(excludedBy(assignment('sso_group', 'g-1', { privileged: true }), s, context())).toBe('principalTypes');
  });
});
