import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONNECTOR_ROLE_NAME, exportGroundTruth, type GroundTruth, type SeedOptions } from '../../../src/aws-sim/index.ts';
import { checkpointMarker, syncAccountAssignments } from '../../../src/connectors/aws/sync/account-assignments.ts';
import { perPrincipalCalls, perSetPruneCalls, pruneBy } from '../../../src/connectors/aws/sync/assignment-plan.ts';
import { findIdentityCenterInstance } from '../../../src/connectors/aws/sync/identity-center.ts';
import type { AccountInfo } from '../../../src/connectors/aws/resource-types.ts';
import type { AwsSession } from '../../../src/connectors/aws/session/session.ts';
import type { SyncEvent } from '../../../src/connectors/connector.ts';
import { entitlementKey, grantKey } from '../../../src/core/inventory-items.ts';
import { allowConnector, drain, grantsOf, itemsOf, recordingContext } from '../../harness/identity-center.ts';
import { sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';

const FOR_PRINCIPAL = 'sso:ListAccountAssignmentsForPrincipal';
const PER_SET = 'sso:ListAccountsForProvisionedPermissionSet';

/** Whether the plan tries pruning per permission set for this organisation (assumed allowed until denied). */
const prunesPerSet = (truth: Truth) =>
  pruneBy({ accounts: accountsOf(truth).length, perSet: { permissionSets: truth.identityCenter.permissionSets.length, organisationAccounts: accountsOf(truth).length } }) === 'permission-set';

type Truth = GroundTruth & { identityCenter: NonNullable<GroundTruth['identityCenter']> };

function truthOf(world: SimSession): Truth {
  return exportGroundTruth(world.sim.world.state) as Truth;
}

function accountsOf(truth: Truth): AccountInfo[] {
  return truth.accounts.filter((a) => !a.outsideOrganization).map((a) => ({ id: a.id, name: a.name, status: a.status }));
}

const provisionedPairs = (truth: Truth, accounts = accountsOf(truth)) =>
  (truth.identityCenter.provisioned ?? []).filter((p) => accounts.some((a) => a.id === p.accountId)).reduce((n, p) => n + p.permissionSetArns.length, 0);

/** The grants the sync must produce: each assignment, to the user or group AWS assigned (never expanded). */
function expectedGrantKeys(truth: Truth, accounts = accountsOf(truth)): string[] {
  return truth.identityCenter.assignments
    .filter((a) => accounts.some((acc) => acc.id === a.accountId))
    .map((a) =>
      grantKey({
        entitlementKey: entitlementKey({ resourceType: 'account', externalId: a.accountId }, a.permissionSetArn),
        principal: { resourceType: a.principalType === 'GROUP' ? 'sso_group' : 'sso_user', externalId: a.principalId },
      }),
    )
    .sort();
}

async function syncAssignments(session: AwsSession, truth: Truth, options: { accounts?: AccountInfo[]; done?: string[] } = {}) {
  const recorder = recordingContext(options.done);
  const input = { session, ctx: recorder.ctx };
  const instance = await findIdentityCenterInstance(input);
  const ic = truth.identityCenter;
  const permissionSets = ic.permissionSets.map((p) => ({ arn: p.arn, name: p.name }));
  const principals = { users: ic.users.length, groups: ic.groups.length };
  const { events } = await drain(syncAccountAssignments(input, instance, options.accounts ?? accountsOf(truth), permissionSets, principals));
  return { ...recorder, events, grantKeys: grantsOf(events).map(grantKey).sort() };
}

/** Every account's checkpoint comes after all of that account's items. */
function expectCheckpointsAfterTheirAccounts(events: SyncEvent[], accounts: AccountInfo[]): void {
  for (const account of accounts) {
    const checkpoint = events.findIndex((e) => e.kind === 'checkpoint' && e.marker === checkpointMarker(account.id));
    expect(checkpoint).toBeGreaterThanOrEqual(0);
    const prefix = `account:${account.id}#`;
    const last = events.findLastIndex((e) => (e.kind === 'grant' && e.entitlementKey.startsWith(prefix)) || (e.kind === 'entitlement' && e.resource.externalId === account.id));
    expect(last).toBeLessThan(checkpoint);
  }
}

describe.each<SeedOptions>([
  { seed: 51, accounts: 4, users: 20, groups: 5, permissionSets: 5 },
  { seed: 52, accounts: 8, users: 60, groups: 8, permissionSets: 8 },
])('per account and permission set (seed $seed: $accounts accounts, $users users, $groups groups)', (seed) => {
  let world: SimSession;
  let truth: Truth;
  let run: Awaited<ReturnType<typeof syncAssignments>>;
  beforeAll(async () => {
    world = await simSession(seed);
    truth = truthOf(world);
    run = await syncAssignments(world.session, truth);
  });
  afterAll(() => world.close());

  test('grants exactly the assignments AWS holds, to users and to groups as assigned', () => {
    expect(run.grantKeys).toEqual(expectedGrantKeys(truth));
    expect(run.grantKeys.some((k) => k.includes('|sso_group:'))).toBe(true);
    expect(run.grantKeys.some((k) => k.includes('|sso_user:'))).toBe(true);
    // The guide's policy: where pruning per permission set would cost less, its denial is the one warning.
    expect(run.warnings.map((w) => w.fix?.includes(PER_SET))).toEqual(prunesPerSet(truth) ? [true] : []);
  });

  test('offers every permission set on every account, named and with its ARN', () => {
    const accounts = accountsOf(truth);
    const entitlements = itemsOf(run.events, 'entitlement');
    expect(entitlements).toHaveLength(accounts.length * truth.identityCenter.permissionSets.length);
    const ps = truth.identityCenter.permissionSets[0]!;
    expect(entitlements).toContainEqual({
      kind: 'entitlement',
      resource: { resourceType: 'account', externalId: accounts[0]!.id },
      slug: ps.arn,
      displayName: ps.name,
      attributes: { entitlementType: 'permission_set', permissionSetArn: ps.arn, permissionSetName: ps.name },
      // The account's checkpoint completes it: a resumed run drops it unless the account was done.
      stage: `assignments:${accounts[0]!.id}`,
    });
  });

  test('lists assignments only for the permission sets provisioned to each account', () => {
    const calls = world.session.apiCalls();
    const accounts = accountsOf(truth);
    expect(calls['sso:ListPermissionSetsProvisionedToAccount']).toBe(accounts.length);
    expect(calls['sso:ListAccountAssignments']).toBe(provisionedPairs(truth));
    expect(provisionedPairs(truth)).toBeLessThan(accounts.length * truth.identityCenter.permissionSets.length);
    expect(calls[FOR_PRINCIPAL]).toBeUndefined();
  });

  test('marks each account done once its grants are out', () => {
    expectCheckpointsAfterTheirAccounts(run.events, accountsOf(truth));
    expect(run.events.filter((e) => e.kind === 'checkpoint')).toHaveLength(accountsOf(truth).length);
  });
});

describe('resuming an interrupted sync', () => {
  let world: SimSession;
  beforeAll(async () => {
    world = await simSession({ seed: 51, accounts: 4, users: 20, groups: 5, permissionSets: 5 });
  });
  afterAll(() => world.close());

  test('skips the accounts already checkpointed, asking AWS nothing about them', async () => {
    const truth = truthOf(world);
    const accounts = accountsOf(truth);
    const [first, second, ...rest] = accounts;
    const { events, grantKeys } = await syncAssignments(world.session, truth, { done: [checkpointMarker(first!.id), checkpointMarker(second!.id)] });
    expect(grantKeys).toEqual(expectedGrantKeys(truth, rest));
    expect(events.some((e) => e.kind === 'entitlement' && [first!.id, second!.id].includes(e.resource.externalId))).toBe(false);
    expect(events.filter((e) => e.kind === 'checkpoint').map((e) => e.kind === 'checkpoint' && e.marker)).toEqual(rest.map((a) => checkpointMarker(a.id)));
    expect(world.session.apiCalls()['sso:ListPermissionSetsProvisionedToAccount']).toBe(rest.length);
    expect(world.session.apiCalls()['sso:ListAccountAssignments']).toBe(provisionedPairs(truth, rest));
  });

  test('lists the assignments of accounts that are not ACTIVE, which AWS keeps', async () => {
    const truth = truthOf(world);
    const withAssignments = new Set(truth.identityCenter.assignments.map((a) => a.accountId));
    const accounts = accountsOf(truth).map((a) => (withAssignments.has(a.id) ? { ...a, status: 'SUSPENDED' } : a));
    const { grantKeys } = await syncAssignments(world.session, truth, { accounts });
    expect(grantKeys).toEqual(expectedGrantKeys(truth));
  });
});

describe('per principal, when that takes fewer calls', () => {
  // 13 accounts, 12 permission sets and 8 principals: listing the principals (10 calls) costs less than even
  // pruning, per account (13) or per permission set (12).
  const fewPrincipals: SeedOptions = { seed: 53, accounts: 12, users: 6, groups: 2, permissionSets: 12 };
  // 7 accounts, 10 principals (12 calls) and 23 provisioned pairs: cheaper only once the pruning has shown that.
  const manyPairs: SeedOptions = { seed: 54, accounts: 6, users: 8, groups: 2, permissionSets: 8 };

  test('lists each principal once, without pruning, and gives the same grants', async () => {
    const world = await simSession(fewPrincipals);
    try {
      const truth = truthOf(world);
      const principals = truth.identityCenter.users.length + truth.identityCenter.groups.length;
      const principalCalls = perPrincipalCalls({ users: truth.identityCenter.users.length, groups: truth.identityCenter.groups.length });
      expect(principalCalls).toBeLessThanOrEqual(accountsOf(truth).length);
      expect(principalCalls).toBeLessThanOrEqual(perSetPruneCalls({ permissionSets: truth.identityCenter.permissionSets.length, organisationAccounts: accountsOf(truth).length }));
      allowConnector(world.sim, [FOR_PRINCIPAL]);
      const session = await sessionFor(world.sim);
      try {
        const run = await syncAssignments(session, truth);
        expect(run.grantKeys).toEqual(expectedGrantKeys(truth));
        expect(run.warnings).toEqual([]);
        const calls = session.apiCalls();
        expect(calls[FOR_PRINCIPAL]).toBe(principals);
        expect(calls['sso:ListPermissionSetsProvisionedToAccount']).toBeUndefined();
        expect(calls['sso:ListAccountAssignments']).toBeUndefined();
        expect(itemsOf(run.events, 'entitlement')).toHaveLength(accountsOf(truth).length * truth.identityCenter.permissionSets.length);
        expectCheckpointsAfterTheirAccounts(run.events, accountsOf(truth));
      } finally {
        session.close();
      }
    } finally {
      await world.close();
    }
  });

  test('switches to it after pruning when the provisioned pairs outnumber the principals', async () => {
    const world = await simSession(manyPairs);
    try {
      const truth = truthOf(world);
      const ic = truth.identityCenter;
      const principalCalls = perPrincipalCalls({ users: ic.users.length, groups: ic.groups.length });
      expect(principalCalls).toBeGreaterThan(accountsOf(truth).length);
      expect(principalCalls).toBeLessThan(provisionedPairs(truth));
      allowConnector(world.sim, [FOR_PRINCIPAL]);
      const session = await sessionFor(world.sim);
      try {
        const run = await syncAssignments(session, truth);
        expect(run.grantKeys).toEqual(expectedGrantKeys(truth));
        const calls = session.apiCalls();
        expect(calls['sso:ListPermissionSetsProvisionedToAccount']).toBe(accountsOf(truth).length);
        expect(calls[FOR_PRINCIPAL]).toBe(ic.users.length + ic.groups.length);
        expect(calls['sso:ListAccountAssignments']).toBeUndefined();
      } finally {
        session.close();
      }
    } finally {
      await world.close();
    }
  });

  test("under the guide's policy, warns once for each call-saving listing denied and lists per account and permission set instead", async () => {
    const world = await simSession(fewPrincipals);
    try {
      const truth = truthOf(world);
      expect(prunesPerSet(truth)).toBe(true);
      const run = await syncAssignments(world.session, truth);
      expect(run.grantKeys).toEqual(expectedGrantKeys(truth));
      expect(run.warnings).toHaveLength(2);
      expect(run.warnings[0]).toMatchObject({ code: 'OPTIONAL_ACTION_DENIED', feature: 'fewer calls for organisations with few principals' });
      expect(run.warnings[0]!.fix).toContain(FOR_PRINCIPAL);
      expect(run.warnings[1]).toMatchObject({ code: 'OPTIONAL_ACTION_DENIED', feature: expect.stringContaining('fewer calls finding where permission sets are provisioned') });
      expect(run.warnings[1]!.fix).toContain(PER_SET);
      const calls = world.session.apiCalls();
      expect(calls[FOR_PRINCIPAL]).toBe(1);
      expect(calls[PER_SET]).toBe(1);
      expect(calls['sso:ListPermissionSetsProvisionedToAccount']).toBe(accountsOf(truth).length);
      expect(calls['sso:ListAccountAssignments']).toBe(provisionedPairs(truth));
      expectCheckpointsAfterTheirAccounts(run.events, accountsOf(truth));
    } finally {
      await world.close();
    }
  });
});

describe('pruning per permission set, when that takes fewer calls', () => {
  // 13 accounts and 3 permission sets: three listings find every provisioned pair, where per account takes 13.
  const fewSets: SeedOptions = { seed: 55, accounts: 12, users: 30, groups: 4, permissionSets: 3 };

  test('lists the accounts of each permission set once, none per account, and gives the same grants', async () => {
    const world = await simSession(fewSets);
    try {
      const truth = truthOf(world);
      expect(prunesPerSet(truth)).toBe(true);
      allowConnector(world.sim, [PER_SET]);
      const session = await sessionFor(world.sim);
      try {
        const run = await syncAssignments(session, truth);
        expect(run.grantKeys).toEqual(expectedGrantKeys(truth));
        expect(run.warnings).toEqual([]);
        const calls = session.apiCalls();
        expect(calls[PER_SET]).toBe(truth.identityCenter.permissionSets.length);
        expect(calls['sso:ListPermissionSetsProvisionedToAccount']).toBeUndefined();
        expect(calls['sso:ListAccountAssignments']).toBe(provisionedPairs(truth));
        expectCheckpointsAfterTheirAccounts(run.events, accountsOf(truth));
      } finally {
        session.close();
      }
    } finally {
      await world.close();
    }
  });

  test('allowed on some permission sets only: the first denial falls back to pruning per account, one warning, same grants', async () => {
    const world = await simSession(fewSets);
    try {
      const truth = truthOf(world);
      const [first] = truth.identityCenter.permissionSets;
      const { state } = world.sim.world;
      const role = state.accounts.get(state.managementAccountId)!.iam.roles.get(CONNECTOR_ROLE_NAME)!;
      // As a policy scoped to some permission set ARNs allows it: the probe (the first set) passes, a later set is denied.
      role.inlinePolicies.set('PerSetOnOne', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [PER_SET], Resource: [first!.arn] }] });
      const session = await sessionFor(world.sim);
      try {
        const run = await syncAssignments(session, truth);
        expect(run.grantKeys).toEqual(expectedGrantKeys(truth));
        expect(run.warnings).toHaveLength(1);
        expect(run.warnings[0]!.fix).toContain(PER_SET);
        const calls = session.apiCalls();
        expect(calls[PER_SET]).toBeGreaterThanOrEqual(2);
        expect(calls['sso:ListPermissionSetsProvisionedToAccount']).toBe(accountsOf(truth).length);
      } finally {
        session.close();
      }
    } finally {
      await world.close();
    }
  });

  test('on a resumed run, only the accounts not yet done are listed, from the same per-set listings', async () => {
    const world = await simSession(fewSets);
    try {
      const truth = truthOf(world);
      allowConnector(world.sim, [PER_SET]);
      const session = await sessionFor(world.sim);
      try {
        const [first, ...rest] = accountsOf(truth);
        // One account done leaves 12 to prune: per permission set (3 calls) still costs less.
        const run = await syncAssignments(session, truth, { done: [checkpointMarker(first!.id)] });
        expect(run.grantKeys).toEqual(expectedGrantKeys(truth, rest));
        expect(session.apiCalls()[PER_SET]).toBe(truth.identityCenter.permissionSets.length);
        expect(session.apiCalls()['sso:ListAccountAssignments']).toBe(provisionedPairs(truth, rest));
      } finally {
        session.close();
      }
    } finally {
      await world.close();
    }
  });
});
