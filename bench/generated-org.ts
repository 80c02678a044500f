/**
 * A generated Identity Center organisation as the AWS connector reports it (same resource types, keys,
 * entitlement attributes and group grants left for the store to expand), without the simulator or any
 * AWS call: for benchmarks of the store alone, where only the inventory's size and shape matter.
 *
 * Every account carries every permission set as an entitlement (as the connector lists them); each
 * account assigns `groupAssignmentsPerAccount` groups and `userAssignmentsPerAccount` users; every user
 * is a member of one group, so grants after expansion ≈ accounts × (group assignments × users/groups +
 * user assignments + group assignments) + users.
 */
import { createRng } from '../src/aws-sim/index.ts';
import { entitlementKey, type InventoryItem, type ResourceRef } from '../src/core/inventory-items.ts';

export type GeneratedOrg = {
  seed: number;
  accounts: number;
  permissionSets: number;
  users: number;
  groups: number;
  groupAssignmentsPerAccount: number;
  userAssignmentsPerAccount: number;
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const accountId = (i: number) => `1${pad(i, 11)}`;
export const permissionSetArn = (i: number) => `arn:aws:sso:::permissionSet/ssoins-bench/ps-${pad(i, 16)}`;
export const userId = (i: number) => `u-${pad(i, 8)}`;
export const groupId = (i: number) => `g-${pad(i, 8)}`;
const ref = (resourceType: string, externalId: string): ResourceRef => ({ resourceType, externalId });
const FIRST = ['ada', 'alan', 'grace', 'linus', 'barbara', 'ken', 'margaret', 'dennis', 'radia', 'edsger', 'frances', 'john'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'liskov', 'thompson', 'hamilton', 'ritchie', 'perlman', 'dijkstra', 'allen', 'backus'];
export const userName = (i: number) => `${FIRST[i % FIRST.length]}.${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i}`;
export const permissionSetName = (i: number) => (i % 10 === 0 ? `AdministratorAccess${i}` : `ReadOnly${i}`);

/** The organisation's items, in the order the connector yields them (resources before what refers to them). */
export function* generatedItems(org: GeneratedOrg): Generator<InventoryItem> {
  // Deterministic, so two runs (and two engines) store the same organisation.
  const random = createRng(org.seed).next;
  const pick = (n: number) => Math.floor(random() * n);
  for (let p = 0; p < org.permissionSets; p++) {
    const privileged = p % 10 === 0;
    yield { kind: 'resource', resourceType: 'permission_set', externalId: permissionSetArn(p), parent: null, displayName: permissionSetName(p), attributes: { privileged } };
  }
  for (let u = 0; u < org.users; u++) {
    const name = userName(u);
    yield { kind: 'resource', resourceType: 'sso_user', externalId: userId(u), parent: null, displayName: name.replace('.', ' '), attributes: { userName: name, email: `${name}@example.com` } };
  }
  for (let g = 0; g < org.groups; g++) {
    const group = ref('sso_group', groupId(g));
    yield { kind: 'resource', ...group, parent: null, displayName: `team-${g}`, attributes: {} };
    yield { kind: 'entitlement', resource: group, slug: 'member', displayName: 'member' };
  }
  for (let u = 0; u < org.users; u++) {
    const key = entitlementKey(ref('sso_group', groupId(u % org.groups)), 'member');
    yield { kind: 'grant', entitlementKey: key, principal: ref('sso_user', userId(u)), attributes: { membershipId: `m-${u}` } };
  }
  for (let a = 0; a < org.accounts; a++) {
    const account = ref('account', accountId(a));
    yield { kind: 'resource', ...account, parent: null, displayName: `workload-${a}`, attributes: { status: 'ACTIVE' } };
    for (let p = 0; p < org.permissionSets; p++) {
      const attributes = { permissionSetArn: permissionSetArn(p), permissionSetName: permissionSetName(p), privileged: p % 10 === 0, privilegedReasons: p % 10 === 0 ? ['AdministratorAccess'] : [] };
      yield { kind: 'entitlement', resource: account, slug: permissionSetArn(p), displayName: permissionSetName(p), attributes };
    }
    const assign = (principal: ResourceRef) => {
      const key = entitlementKey(account, permissionSetArn(pick(org.permissionSets)));
      return { kind: 'grant' as const, entitlementKey: key, principal };
    };
    for (let i = 0; i < org.groupAssignmentsPerAccount; i++) yield assign(ref('sso_group', groupId(pick(org.groups))));
    for (let i = 0; i < org.userAssignmentsPerAccount; i++) yield assign(ref('sso_user', userId(pick(org.users))));
  }
}

/** Grants after the store's group expansion, as the bench prints it before measuring. */
export function expectedGrantCount(org: GeneratedOrg): number {
  const perGroup = org.users / org.groups;
  return Math.round(org.users + org.accounts * (org.groupAssignmentsPerAccount * (1 + perGroup) + org.userAssignmentsPerAccount));
}
