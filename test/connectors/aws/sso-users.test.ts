import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, type GroundTruth } from '../../../src/aws-sim/index.ts';
import { findIdentityCenterInstance } from '../../../src/connectors/aws/sync/identity-center.ts';
import type { AwsSession } from '../../../src/connectors/aws/session/session.ts';
import { syncSsoUsers } from '../../../src/connectors/aws/sync/sso-users.ts';
import type { ResourceItem } from '../../../src/core/inventory-items.ts';
import { drain, itemsOf, recordingContext } from '../../harness/identity-center.ts';
import { sessionFor, simSession, type SimSession } from '../../../harness/sim-session.ts';

type TruthUser = NonNullable<GroundTruth['identityCenter']>['users'][number];

async function syncUsers(session: AwsSession) {
  const recorder = recordingContext();
  const input = { session, ctx: recorder.ctx };
  const { events, result } = await drain(syncSsoUsers(input, await findIdentityCenterInstance(input)));
  return { ...recorder, users: itemsOf(events, 'resource'), count: result.count };
}

const expectedEmail = (u: TruthUser) => (u.emails.find((e) => e.primary) ?? u.emails[0])?.value;

/**
 * Identity Store accounts that predate `UserStatus` answer without it; this strips it from every
 * ListUsers answer so the SCIM fallback is exercised against the real SCIM endpoint.
 */
function withoutUserStatus(client: IdentitystoreClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as { Users?: { UserStatus?: string }[] };
      for (const user of output.Users ?? []) delete user.UserStatus;
      return result;
    },
    { step: 'initialize', name: 'stripUserStatus' },
  );
}

describe.each([
  { seed: 21, users: 20 },
  { seed: 22, users: 130 },
])('syncSsoUsers (seed $seed, $users users)', ({ seed, users: userCount }) => {
  let world: SimSession;
  let truth: TruthUser[];
  beforeAll(async () => {
    world = await simSession({ seed, accounts: 1, users: userCount, groups: 2 });
    truth = exportGroundTruth(world.sim.world.state).identityCenter!.users;
    // Both seeds hold a disabled user, so statuses are not trivially all ENABLED.
    expect(truth.some((u) => u.status === 'DISABLED')).toBe(true);
  });
  afterAll(() => world.close());

  test('lists every user with its names, primary email and Identity Store status, a page of 100 at a time', async () => {
    const { users: items, count, warnings } = await syncUsers(world.session);
    expect(count).toBe(truth.length);
    expect(warnings).toEqual([]);
    const byId = new Map(items.map((i) => [i.externalId, i]));
    expect([...byId.keys()].sort()).toEqual(truth.map((u) => u.userId).sort());
    for (const u of truth) {
      const item = byId.get(u.userId)!;
      expect(item).toMatchObject({ resourceType: 'sso_user', displayName: u.userName });
      expect(item.attributes).toMatchObject({
        userName: u.userName,
        displayName: u.displayName,
        email: expectedEmail(u),
        status: u.status,
        statusSource: 'identitystore',
      });
    }
    expect(world.session.apiCalls()['identitystore:ListUsers']).toBe(Math.max(1, Math.ceil(truth.length / 100)));
  });

  test('the same ListUsers calls bring each user\'s title and enterprise attributes, the manager by id and name', async () => {
    const session = await sessionFor(world.sim);
    try {
      const { users: items, warnings } = await syncUsers(session);
      expect(warnings).toEqual([]);
      expect(truth.filter((u) => u.enterprise?.manager).length).toBeGreaterThan(0);
      const byId = new Map(items.map((i) => [i.externalId, i.attributes]));
      const names = new Map(truth.map((u) => [u.userId, u.displayName]));
      for (const u of truth) {
        const { manager, ...enterprise } = u.enterprise ?? {};
        expect(byId.get(u.userId)).toMatchObject({ title: u.title, ...enterprise, managerId: manager, managerName: manager && names.get(manager) });
      }
      expect(session.apiCalls()['identitystore:ListUsers']).toBe(Math.max(1, Math.ceil(truth.length / 100)));
    } finally {
      session.close();
    }
  });

  test('where Identity Store refuses the extension, users are listed without it, with one warning', async () => {
    world.sim.injectFault({ operation: 'identitystore:ListUsers', kind: 'extensions-refused' });
    const session = await sessionFor(world.sim);
    try {
      const { users: items, warnings } = await syncUsers(session);
      expect(items.map((i) => i.externalId).sort()).toEqual(truth.map((u) => u.userId).sort());
      expect(warnings).toEqual([expect.objectContaining({ code: 'ENTERPRISE_ATTRIBUTES_UNAVAILABLE', feature: "Identity Center users' enterprise attributes" })]);
      // Title is a field of the user, not of the extension: it still comes.
      const titles = new Map(truth.map((u) => [u.userId, u.title]));
      for (const item of items) {
        expect(item.attributes).toMatchObject({ status: expect.any(String), title: titles.get(item.externalId) });
        expect([item.attributes?.department, item.attributes?.costCenter, item.attributes?.managerId]).toEqual([undefined, undefined, undefined]);
      }
      expect(session.apiCalls()['identitystore:ListUsers']).toBe(1 + Math.max(1, Math.ceil(truth.length / 100)));
    } finally {
      session.close();
      world.sim.clearFaults();
    }
  });

  test('when the Identity Store leaves UserStatus out, the status comes from SCIM active, read once', async () => {
    const session = await sessionFor(world.sim);
    try {
      withoutUserStatus(session.clients.identityStore!);
      const { users: items, warnings } = await syncUsers(session);
      expect(warnings).toEqual([]);
      const status = new Map(items.map((i) => [i.externalId, i.attributes]));
      for (const u of truth) expect(status.get(u.userId)).toMatchObject({ status: u.status, statusSource: 'scim' });
      expect(session.apiCalls()['scim:ListUsers']).toBe(Math.ceil(truth.length / 100));
    } finally {
      session.close();
    }
  });
});

describe('a manager listed on a later page than their report', () => {
  let world: SimSession;
  beforeAll(async () => {
    world = await simSession({ seed: 24, accounts: 1, users: 130, groups: 1 });
  });
  afterAll(() => world.close());

  test('is still named: the report waits for the manager\'s page', async () => {
    // The seed's managers come before their reports; the first user is made to report to the last one.
    const users = [...world.sim.world.state.identityCenter!.users.values()];
    const [first, last] = [users[0]!, users.at(-1)!];
    first.enterprise = { ...first.enterprise, manager: last.userId };
    const { users: items, count } = await syncUsers(world.session);
    expect(count).toBe(130);
    expect(items.find((i) => i.externalId === first.userId)!.attributes).toMatchObject({ managerId: last.userId, managerName: last.displayName });
    expect(new Set(items.map((i) => i.externalId)).size).toBe(130);
  });
});

describe('a rejected SCIM token', () => {
  let world: SimSession;
  beforeAll(async () => {
    world = await simSession({ seed: 23, accounts: 1, users: 5, groups: 1 });
  });
  afterAll(() => world.close());

  test('warns once with the fix and syncs the users without a status', async () => {
    const session = await sessionFor(world.sim, {}, { scimToken: 'not-the-token' });
    try {
      withoutUserStatus(session.clients.identityStore!);
      const { users: items, warnings } = await syncUsers(session);
      expect(items).toHaveLength(5);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ code: 'SCIM_TOKEN_REJECTED', feature: 'user status from SCIM' });
      expect(warnings[0]!.message).toContain(world.sim.world.rrcu.scimPath);
      expect(warnings[0]!.fix).toMatch(/access token/);
      for (const item of items as ResourceItem[]) expect(item.attributes).not.toHaveProperty('status');
      expect(session.apiCalls()['scim:ListUsers']).toBe(1);
    } finally {
      session.close();
    }
  });

  test('is never asked for when the Identity Store reports every status', async () => {
    const session = await sessionFor(world.sim, {}, { scimToken: 'not-the-token' });
    try {
      const { warnings } = await syncUsers(session);
      expect(warnings).toEqual([]);
      expect(session.apiCalls()['scim:ListUsers']).toBeUndefined();
    } finally {
      session.close();
    }
  });
});
