import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, type GroundTruth } from '../../../src/aws-sim/index.ts';
import { findIdentityCenterInstance } from '../../../src/connectors/aws/sync/identity-center.ts';
import { syncSsoGroups } from '../../../src/connectors/aws/sync/sso-groups.ts';
import { entitlementKey } from '../../../src/core/inventory-items.ts';
import { drain, grantsOf, itemsOf, recordingContext } from '../../harness/identity-center.ts';
import { sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';

describe.each([
  { seed: 31, users: 20, groups: 5 },
  { seed: 32, users: 150, groups: 12 },
])('syncSsoGroups (seed $seed, $users users in $groups groups)', (seedOptions) => {
  let world: SimSession;
  let truth: NonNullable<GroundTruth['identityCenter']>;
  let events: Awaited<ReturnType<typeof drain>>['events'];
  let count: number;
  beforeAll(async () => {
    world = await simSession({ ...seedOptions, accounts: 1 });
    truth = exportGroundTruth(world.sim.world.state).identityCenter!;
    const { ctx } = recordingContext();
    const input = { session: world.session, ctx };
    const run = await drain(syncSsoGroups(input, await findIdentityCenterInstance(input)));
    events = run.events;
    count = run.result.count;
  });
  afterAll(() => world.close());

  test('lists every group with its name and description, and one member entitlement each', () => {
    expect(count).toBe(truth.groups.length);
    const groups = itemsOf(events, 'resource');
    expect(groups.map((g) => ({ id: g.externalId, name: g.displayName, description: g.attributes?.description })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      truth.groups.map((g) => ({ id: g.groupId, name: g.displayName, description: g.description })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(groups.every((g) => g.resourceType === 'sso_group')).toBe(true);
    const entitlements = itemsOf(events, 'entitlement');
    expect(entitlements.map((e) => entitlementKey(e.resource, e.slug)).sort()).toEqual(truth.groups.map((g) => `sso_group:${g.groupId}#member`).sort());
  });

  test('grants membership to exactly the members AWS lists, each with its membership id', () => {
    const grants = grantsOf(events).map((g) => ({ key: g.entitlementKey, user: g.principal.externalId, type: g.principal.resourceType, membershipId: g.attributes?.membershipId }));
    const expected = truth.memberships.map((m) => ({ key: `sso_group:${m.groupId}#member`, user: m.userId, type: 'sso_user', membershipId: m.membershipId }));
    const order = (a: { membershipId: unknown }, b: { membershipId: unknown }) => String(a.membershipId).localeCompare(String(b.membershipId));
    expect(grants.sort(order)).toEqual(expected.sort(order));
    expect(expected.length).toBeGreaterThan(0);
  });

  test('asks for the memberships once per group (more only for groups over 100 members)', () => {
    const calls = world.session.apiCalls();
    const pages = truth.groups.reduce((n, g) => n + Math.max(1, Math.ceil(truth.memberships.filter((m) => m.groupId === g.groupId).length / 100)), 0);
    expect(calls['identitystore:ListGroupMemberships']).toBe(pages);
    expect(calls['identitystore:ListGroups']).toBe(1);
  });
});

describe('a group deleted while the sync runs', () => {
  let world: SimSession;
  beforeAll(async () => {
    world = await simSession({ seed: 33, accounts: 1, users: 10, groups: 3 });
  });
  afterAll(() => world.close());

  test('is synced without members instead of failing the sync', async () => {
    const ic = world.sim.world.state.identityCenter!;
    const session = await sessionFor(world.sim);
    try {
      // Deletes the first group right after ListGroups has listed it, before its memberships are asked for.
      let deleted: string | undefined;
      session.clients.identityStore!.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          if (context.commandName === 'ListGroupsCommand' && !deleted) {
            deleted = (result.output as { Groups?: { GroupId?: string }[] }).Groups?.[0]?.GroupId;
            ic.groups.delete(deleted!);
            for (const [id, m] of ic.memberships) if (m.groupId === deleted) ic.memberships.delete(id);
          }
          return result;
        },
        { step: 'initialize', name: 'deleteGroupAfterListing' },
      );
      const input = { session, ctx: recordingContext().ctx };
      const { events, result } = await drain(syncSsoGroups(input, await findIdentityCenterInstance(input)));
      expect(result.count).toBe(3);
      expect(grantsOf(events).some((g) => g.entitlementKey === `sso_group:${deleted}#member`)).toBe(false);
      expect(grantsOf(events)).toHaveLength(ic.memberships.size);
    } finally {
      session.close();
    }
  });
});
