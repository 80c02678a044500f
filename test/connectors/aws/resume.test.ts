import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import { createAwsConnector } from '../../../src/connectors/aws/index.ts';
import type { SyncEvent } from '../../../src/connectors/connector.ts';
import { configFor, recordingContext } from '../../../harness/sim-session.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: { seed: 17, accounts: 3, users: 12, groups: 4, permissionSets: 3 }, rateLimits: false });
});
afterAll(async () => {
  await sim?.stop();
});

test('a resumed sync whose Identity Center stages were stored re-reads only what later stages need, and not the memberships', async () => {
  const connector = createAwsConnector(configFor(sim), { baseCredentials: sim.world.rrcu, now: () => sim.now() });
  const accounts = [...sim.world.state.accounts.values()].filter((a) => !a.outsideOrganization);
  // Everything but the IAM of the management account was stored by the interrupted attempt.
  const done = ['accounts', 'permission-sets', 'sso-users', 'sso-groups', ...accounts.map((a) => `assignments:${a.id}`), ...accounts.filter((a) => a.id !== sim.world.state.managementAccountId).map((a) => `iam:${a.id}`)];
  const items: SyncEvent[] = [];
  for await (const item of connector.sync(recordingContext(done).ctx)) items.push(item);
  const calls = connector.apiCalls();
  await connector.close();

  expect(calls['identitystore:ListGroupMemberships']).toBeUndefined();
  expect(calls['sso:ListAccountAssignments']).toBeUndefined();
  expect(calls['identitystore:ListGroups']).toBe(1);
  // Only the management account's IAM is yielded again, ending with its checkpoint.
  const kinds = new Set(items.map((i) => (i.kind === 'resource' ? `resource:${i.resourceType}` : i.kind)));
  // Trust policies name principals outside IAM's own types, yielded with the roles that trust them.
  expect([...kinds].sort()).toEqual(['checkpoint', 'entitlement', 'grant', 'resource:aws_service', 'resource:external_principal', 'resource:iam_group', 'resource:iam_role', 'resource:iam_user', 'resource:identity_provider']);
  expect(items.at(-1)).toEqual({ kind: 'checkpoint', marker: `iam:${sim.world.state.managementAccountId}` });
});
