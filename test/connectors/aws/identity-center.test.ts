import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth } from '../../../src/aws-sim/index.ts';
import { actionSpec } from '../../../src/connectors/aws/actions.ts';
import { syncAccountAssignments } from '../../../src/connectors/aws/sync/account-assignments.ts';
import { pruneBy } from '../../../src/connectors/aws/sync/assignment-plan.ts';
import { findIdentityCenterInstance } from '../../../src/connectors/aws/sync/identity-center.ts';
import { syncPermissionSets } from '../../../src/connectors/aws/sync/permission-sets.ts';
import { syncSsoGroups } from '../../../src/connectors/aws/sync/sso-groups.ts';
import { syncSsoUsers } from '../../../src/connectors/aws/sync/sso-users.ts';
import type { SyncEvent } from '../../../src/connectors/connector.ts';
import { isRrcuError, type RrcuError } from '../../../src/core/errors.ts';
import { grantKey } from '../../../src/core/inventory-items.ts';
import { drain, grantsOf, itemsOf, recordingContext } from '../../harness/identity-center.ts';
import { simSession, type SimSession } from '../../../harness/sim-session.ts';

async function failureOf(promise: Promise<unknown>): Promise<RrcuError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isRrcuError(error)) throw new Error(`expected an RrcuError, got ${String(error)}`);
  return error;
}

describe('findIdentityCenterInstance', () => {
  let world: SimSession;
  beforeAll(async () => {
    world = await simSession({ seed: 11, accounts: 2, users: 3, groups: 1 });
  });
  afterAll(() => world.close());

  test('finds the instance of the configured region, with its identity store', async () => {
    const truth = exportGroundTruth(world.sim.world.state).identityCenter!;
    const instance = await findIdentityCenterInstance({ session: world.session, ctx: recordingContext().ctx });
    expect(instance).toEqual({ instanceArn: truth.instanceArn, identityStoreId: truth.identityStoreId, region: truth.region });
    expect(world.session.apiCalls()['sso:ListInstances']).toBe(1);
  });
});

describe('Identity Center missing from the configured region', () => {
  const cases = [
    { name: 'enabled in another region', identityCenterRegion: 'eu-west-1' },
    { name: 'not enabled at all', identityCenterRegion: null },
  ];
  test.each(cases)('when $name, the error names the region and says how to fix it', async ({ identityCenterRegion }) => {
    const world = await simSession({ seed: 12, accounts: 1, users: 2, groups: 1, identityCenterRegion }, { identityCenterRegion: 'us-east-1' });
    try {
      const error = await failureOf(findIdentityCenterInstance({ session: world.session, ctx: recordingContext().ctx }));
      expect(error.code).toBe('IDENTITY_CENTER_NOT_ENABLED');
      expect(error.message).toContain('us-east-1');
      expect(error.fix).toMatch(/region/);
    } finally {
      await world.close();
    }
  });

  test('without an Identity Center region configured, the syncers say so instead of calling AWS', async () => {
    const world = await simSession({ seed: 13, accounts: 1, users: 2, groups: 1 }, { identityCenterRegion: undefined });
    try {
      const error = await failureOf(findIdentityCenterInstance({ session: world.session, ctx: recordingContext().ctx }));
      expect(error.code).toBe('IDENTITY_CENTER_NOT_CONFIGURED');
      expect(error.fix).toContain('identityCenterRegion');
    } finally {
      await world.close();
    }
  });
});

describe("under AWS's rate limits", () => {
  let world: SimSession;
  beforeAll(async () => {
    // Identity Center's shared 20 requests per second, burst 20: a sync of even a small org exceeds it.
    world = await simSession({ seed: 14, accounts: 6, users: 60, groups: 8, permissionSets: 6 }, {}, { rateLimits: true }, { maxAttempts: 8 });
  });
  afterAll(() => world.close());

  test('a small organisation still syncs completely, and the throttled retries are counted', async () => {
    const recorder = recordingContext();
    const input = { session: world.session, ctx: recorder.ctx };
    const truth = exportGroundTruth(world.sim.world.state);
    const ic = truth.identityCenter!;
    const events: SyncEvent[] = [];
    const instance = await findIdentityCenterInstance(input);
    const users = await drain(syncSsoUsers(input, instance));
    const groups = await drain(syncSsoGroups(input, instance));
    const sets = await drain(syncPermissionSets(input, instance));
    const accounts = truth.accounts.filter((a) => !a.outsideOrganization).map((a) => ({ id: a.id, name: a.name, status: a.status }));
    const principals = { users: users.result.count, groups: groups.result.count };
    events.push(...users.events, ...groups.events, ...(await drain(syncAccountAssignments(input, instance, accounts, sets.result, principals))).events);

    expect(itemsOf(events, 'resource').filter((r) => r.resourceType === 'sso_user')).toHaveLength(ic.users.length);
    expect(itemsOf(events, 'resource').filter((r) => r.resourceType === 'sso_group')).toHaveLength(ic.groups.length);
    expect(sets.result).toHaveLength(ic.permissionSets.length);
    const grants = grantsOf(events).map(grantKey);
    expect(grants.filter((k) => k.startsWith('sso_group:'))).toHaveLength(ic.memberships.length);
    expect(grants.filter((k) => k.startsWith('account:'))).toHaveLength(ic.assignments.length);
    // Only denied optional actions (the guide's policy) may warn: nothing was lost to throttling.
    expect(recorder.warnings.map((w) => w.feature)).toEqual([
      'permission set policies',
      ...(pruneBy({ accounts: accounts.length, perSet: { permissionSets: sets.result.length, organisationAccounts: accounts.length } }) === 'permission-set'
        ? [actionSpec('sso:ListAccountsForProvisionedPermissionSet').feature]
        : []),
    ]);
    expect(recorder.warnings.every((w) => w.code === 'OPTIONAL_ACTION_DENIED')).toBe(true);
    const calls = world.session.apiCalls();
    const throttled = Object.entries(calls).filter(([op]) => op.startsWith('throttled:'));
    expect(throttled.reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(0);
  });
});
