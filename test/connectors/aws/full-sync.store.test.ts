import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grantsAt, listPeople } from '../../../src/access/index.ts';
import { startSimulator, exportGroundTruth, type Simulator } from '../../../src/aws-sim/index.ts';
import { createAwsConnector } from '../../../src/connectors/aws/index.ts';
import type { Store } from '../../../src/store/index.ts';
import { runSync } from '../../../src/sync/index.ts';
import { freshStore } from '../../harness/store-test.ts';
import { createTestConnector } from '../../harness/inventory-fixtures.ts';
import { expectedGrants, observed } from '../../../harness/ground-truth-grants.ts';
import { configFor } from '../../../harness/sim-session.ts';

describe.each([
  { name: 'a small organisation', seed: { seed: 11, accounts: 3, users: 12, groups: 4, permissionSets: 3 }, crossAccount: true },
  { name: 'a medium organisation', seed: { seed: 29, accounts: 12, users: 90, groups: 10, permissionSets: 8, iamUsersPerAccount: 4 }, crossAccount: true },
  { name: 'a lone account without cross-account IAM', seed: { seed: 5, organizations: false, users: 10, groups: 3, permissionSets: 2 }, crossAccount: false },
])('full sync of $name', ({ seed, crossAccount }) => {
  let sim: Simulator;
  let store: Store;
  beforeAll(async () => {
    sim = await startSimulator({ seed, rateLimits: false });
    store = await freshStore('pglite');
  });
  afterAll(async () => {
    await sim?.stop();
    await store?.close();
  });

  test('the synced grants equal the simulator’s ground truth, every grant and every via', async () => {
    const { accessKeyId, secretAccessKey, scimToken } = sim.world.rrcu;
    const config = configFor(sim, crossAccount ? {} : { crossAccountRoleName: undefined });
    const connectorId = await createTestConnector(store.db);
    const connector = createAwsConnector(config, { baseCredentials: { accessKeyId, secretAccessKey }, scimToken, now: () => sim.now() });
    const outcome = await runSync(store.db, connectorId, connector, { actor: 'test' });
    await connector.close();
    const truth = exportGroundTruth(sim.world.state);

    expect(observed(await grantsAt(store.db, { connectorId }))).toEqual(expectedGrants(truth, crossAccount));
    expect(outcome.run.status).toBe('succeeded');
    // Every account is there, named as in AWS.
    const accounts = truth.accounts.filter((a) => !a.outsideOrganization && (truth.organization || a.id === truth.managementAccountId));
    expect(outcome.run.counts['resource:account']).toBe(accounts.length);
    // The calls were counted per operation: one AssumeRole of the connector role for the whole sync,
    // and one per member account whose IAM was read through the cross-account role.
    const members = accounts.filter((a) => a.id !== truth.managementAccountId && a.status === 'ACTIVE');
    expect(outcome.run.apiCalls['sts:AssumeRole']).toBe(1 + (crossAccount ? members.length : 0));
    expect(outcome.run.apiCalls['sso:ListAccountAssignments'] ?? outcome.run.apiCalls['sso:ListAccountAssignmentsForPrincipal']).toBeGreaterThan(0);
  });

  // After the sync above: its people.
  test('each Identity Center user\'s person carries their title and enterprise attributes, and their manager\'s person', async () => {
    const users = exportGroundTruth(sim.world.state).identityCenter!.users;
    const emailOf = (userId: string | undefined) => {
      const u = users.find((x) => x.userId === userId);
      return u && (u.emails.find((e) => e.primary) ?? u.emails[0])!.value.toLowerCase();
    };
    const people = new Map((await listPeople(store.db, { limit: 1000 })).map((p) => [p.email, p]));
    expect(users.some((u) => u.enterprise?.manager)).toBe(true);
    for (const u of users) {
      const { manager, ...enterprise } = u.enterprise ?? {};
      const person = people.get(emailOf(u.userId)!);
      expect(person).toMatchObject({ attributes: { ...(u.title ? { title: u.title } : {}), ...enterprise } });
      expect(person!.manager?.email ?? null).toBe(emailOf(manager) ?? null);
    }
  });
});
