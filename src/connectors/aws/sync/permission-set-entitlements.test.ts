import { describe, expect, test } from 'vitest';
import { accountVerdict, customerPolicyKey, permissionSetEntitlement, type AccountPolicies, type PermissionSetPolicies } from './permission-set-entitlements.ts';

const doc = (Effect: string, Action: unknown, Resource: unknown = '*') => ({ Version: '2012-10-17', Statement: [{ Effect, Action, Resource }] });
const ADMIN = doc('Allow', '*');
const NARROW = doc('Allow', ['s3:GetObject', 's3:ListBucket']);

const set = (over: Partial<PermissionSetPolicies> = {}): PermissionSetPolicies => ({
  managedPolicies: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess' }],
  customerManagedPolicies: [{ name: 'Admin', path: '/' }],
  inlinePolicy: null,
  ...over,
});
const account = (documents: Record<string, unknown>): AccountPolicies => ({ read: true, documents: new Map(Object.entries(documents)) });
const unread: AccountPolicies = { read: false, why: 'iam:GetAccountAuthorizationDetails is denied in this account' };

describe('a permission set on one account, with its customer managed references', () => {
  test("is privileged where the account's policy of that name is admin-level, and not where it is narrow", () => {
    expect(accountVerdict(set(), account({ '/Admin': ADMIN }))).toEqual({ privileged: true, privilegedReasons: ['Allows * on * (customer managed policy Admin in this account)'] });
    expect(accountVerdict(set(), account({ '/Admin': NARROW }))).toEqual({ privileged: false, privilegedReasons: [] });
  });

  test('finds a policy by its path and name, and names the path in the reasons when it is not /', () => {
    const nested = set({ customerManagedPolicies: [{ name: 'Admin', path: '/team/' }] });
    expect(customerPolicyKey('/team/', 'Admin')).toBe('/team/Admin');
    expect(customerPolicyKey(undefined, 'Admin')).toBe('/Admin');
    expect(accountVerdict(nested, account({ '/team/Admin': doc('Allow', 'iam:PassRole') }))).toEqual({
      privileged: true,
      privilegedReasons: ['Allows iam:PassRole on * (customer managed policy /team/Admin in this account)'],
    });
    // The same name at another path is another policy.
    expect(accountVerdict(nested, account({ '/Admin': ADMIN })).privileged).toBe(false);
  });

  test("weighs the account's policy with the set's own: a Deny in one cancels an Allow in the other", () => {
    const allowsAll = set({ managedPolicies: [], inlinePolicy: ADMIN });
    expect(accountVerdict(allowsAll, account({ '/Admin': doc('Deny', '*') }))).toEqual({ privileged: false, privilegedReasons: [] });
    const deniesIam = set({ managedPolicies: [], inlinePolicy: doc('Deny', 'iam:*') });
    expect(accountVerdict(deniesIam, account({ '/Admin': doc('Allow', 'iam:*') })).privileged).toBe(false);
  });

  test('a reference the account does not hold grants nothing there, and the reasons say so', () => {
    expect(accountVerdict(set(), account({}))).toEqual({ privileged: false, privilegedReasons: ['customer managed policy Admin: not in this account, grants nothing here'] });
    const admin = set({ managedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess' }] });
    expect(accountVerdict(admin, account({}))).toEqual({
      privileged: true,
      privilegedReasons: ['AdministratorAccess (AWS managed)', 'customer managed policy Admin: not in this account, grants nothing here'],
    });
  });

  test("an account policy with no readable document is named unreadable, not missing", () => {
    expect(accountVerdict(set(), account({ '/Admin': null }))).toEqual({ privileged: false, privilegedReasons: ['customer managed policy Admin in this account: unreadable policy (not a JSON object), not assessed'] });
  });

  test("without the account's documents the verdict is unknown, never \"not privileged\", and the reasons say which references were not assessed and why", () => {
    const verdict = accountVerdict(set({ customerManagedPolicies: [{ name: 'Admin', path: '/' }, { name: 'Ops', path: '/team/' }] }), unread);
    expect(verdict).not.toHaveProperty('privileged');
    expect(verdict.privilegedReasons).toEqual([
      'customer managed policy Admin: not assessed (iam:GetAccountAuthorizationDetails is denied in this account)',
      'customer managed policy /team/Ops: not assessed (iam:GetAccountAuthorizationDetails is denied in this account)',
    ]);
    // The set's own policies still make it privileged: the references could only add to that.
    const admin = set({ inlinePolicy: doc('Allow', 'iam:*') });
    expect(accountVerdict(admin, unread)).toEqual({
      privileged: true,
      privilegedReasons: ['Allows iam:* on * (inline policy)', 'customer managed policy Admin: not assessed (iam:GetAccountAuthorizationDetails is denied in this account)'],
    });
  });

  test('a set without references gets its own verdict whatever the account holds', () => {
    const plain = set({ customerManagedPolicies: [] });
    expect(accountVerdict(plain, unread)).toEqual({ privileged: false, privilegedReasons: [] });
    expect(accountVerdict(plain, account({ '/Admin': ADMIN }))).toEqual({ privileged: false, privilegedReasons: [] });
  });
});

describe('permissionSetEntitlement', () => {
  const arn = 'arn:aws:sso:::permissionSet/ssoins-1/ps-1';
  const base = { entitlementType: 'permission_set', permissionSetArn: arn, permissionSetName: 'Ops' };

  test("is the set on the account, carrying the verdict there: the account's for a set with references", () => {
    const ps = { arn, name: 'Ops', privileged: false, privilegedReasons: [], policies: set() };
    expect(permissionSetEntitlement('111122223333', ps, account({ '/Admin': ADMIN }))).toEqual({
      kind: 'entitlement',
      resource: { resourceType: 'account', externalId: '111122223333' },
      slug: arn,
      displayName: 'Ops',
      attributes: { ...base, privileged: true, privilegedReasons: ['Allows * on * (customer managed policy Admin in this account)'] },
    });
    expect(permissionSetEntitlement('111122223333', ps, undefined).attributes).toEqual({ ...base, privilegedReasons: ["customer managed policy Admin: not assessed (this account's policies were not read)"] });
  });

  test("the set's own verdict for a set without references, and none where the set's policies were not read", () => {
    const plain = { arn, name: 'Ops', privileged: true, privilegedReasons: ['AdministratorAccess (AWS managed)'], policies: set({ customerManagedPolicies: [] }) };
    expect(permissionSetEntitlement('111122223333', plain, undefined).attributes).toEqual({ ...base, privileged: true, privilegedReasons: ['AdministratorAccess (AWS managed)'] });
    expect(permissionSetEntitlement('111122223333', { arn, name: 'Ops' }, unread).attributes).toEqual(base);
  });
});
