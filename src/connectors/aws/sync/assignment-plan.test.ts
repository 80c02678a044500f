import { describe, expect, test } from 'vitest';
import { perPairCalls, perPrincipalCalls, perSetPruneCalls, planAssignmentListing, pruneBy } from './assignment-plan.ts';

describe('perPrincipalCalls', () => {
  test.each([
    { users: 0, groups: 0, calls: 2 },
    { users: 20, groups: 5, calls: 1 + 1 + 25 },
    { users: 100, groups: 101, calls: 1 + 2 + 201 },
    { users: 3000, groups: 40, calls: 30 + 1 + 3040 },
  ])('counts the listing pages of $users users and $groups groups and one call per principal', ({ users, groups, calls }) => {
    expect(perPrincipalCalls({ users, groups })).toBe(calls);
  });
});

test('perPairCalls is one pruning call per account and one listing per provisioned pair', () => {
  expect(perPairCalls({ accounts: 300, provisionedPairs: 1200 })).toBe(1500);
});

describe('pruning per permission set (sso:ListAccountsForProvisionedPermissionSet allowed)', () => {
  test('costs a page per 100 accounts of the organisation for each permission set, at least one', () => {
    expect(perSetPruneCalls({ permissionSets: 40, organisationAccounts: 300 })).toBe(120);
    expect(perSetPruneCalls({ permissionSets: 40, organisationAccounts: 301 })).toBe(160);
    expect(perSetPruneCalls({ permissionSets: 3, organisationAccounts: 0 })).toBe(3);
  });

  test('is chosen only where it costs fewer calls than one per account', () => {
    expect(pruneBy({ accounts: 300, perSet: { permissionSets: 40, organisationAccounts: 300 } })).toBe('permission-set');
    expect(perPairCalls({ accounts: 300, provisionedPairs: 1200, perSet: { permissionSets: 40, organisationAccounts: 300 } })).toBe(1320);
    // Many sets over few accounts, or few accounts left to list on a resumed run: per account.
    expect(pruneBy({ accounts: 30, perSet: { permissionSets: 40, organisationAccounts: 30 } })).toBe('account');
    expect(pruneBy({ accounts: 100, perSet: { permissionSets: 40, organisationAccounts: 300 } })).toBe('account');
    expect(pruneBy({ accounts: 300 })).toBe('account');
  });

  test('makes the principals compete with the cheaper pruning', () => {
    // 130 principal calls: more than 120 per set, fewer than 300 per account.
    expect(planAssignmentListing({ accounts: 300, users: 100, groups: 27 })).toBe('per-principal');
    expect(planAssignmentListing({ accounts: 300, users: 100, groups: 27, perSet: { permissionSets: 40, organisationAccounts: 300 } })).toBe('prune-first');
  });
});

describe('planAssignmentListing', () => {
  test('goes per principal before pruning when the principals cost no more than the pruning alone', () => {
    // 300 accounts, 20 users and 5 groups: 27 calls against at least 300.
    expect(planAssignmentListing({ accounts: 300, users: 20, groups: 5 })).toBe('per-principal');
    expect(planAssignmentListing({ accounts: 27, users: 20, groups: 5 })).toBe('per-principal');
  });

  test('asks for the provisioned pairs when the pruning alone is cheaper than listing the principals', () => {
    expect(planAssignmentListing({ accounts: 26, users: 20, groups: 5 })).toBe('prune-first');
    expect(planAssignmentListing({ accounts: 5, users: 20, groups: 5 })).toBe('prune-first');
  });

  test.each([
    { provisionedPairs: 28, plan: 'per-principal' },
    { provisionedPairs: 27, plan: 'per-pair' },
    { provisionedPairs: 3, plan: 'per-pair' },
    { provisionedPairs: 0, plan: 'per-pair' },
  ])('after pruning, with $provisionedPairs provisioned pairs against 27 principal calls, lists $plan', ({ provisionedPairs, plan }) => {
    expect(planAssignmentListing({ accounts: 5, users: 20, groups: 5, provisionedPairs })).toBe(plan);
  });

  test('a large organisation with many principals keeps the pruned per-pair plan', () => {
    expect(planAssignmentListing({ accounts: 300, users: 3000, groups: 40 })).toBe('prune-first');
    expect(planAssignmentListing({ accounts: 300, users: 3000, groups: 40, provisionedPairs: 1500 })).toBe('per-pair');
  });
});
