import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import { listScimUserActivity, type ScimClientOptions } from '../../../src/connectors/aws/sync/scim.ts';
import { isRrcuError } from '../../../src/core/errors.ts';

describe('listScimUserActivity', () => {
  let sim: Simulator;
  let calls: Record<string, number>;
  const options = (overrides: Partial<ScimClientOptions> = {}): ScimClientOptions => ({
    endpoint: `${sim.endpoint}${sim.world.rrcu.scimPath}`,
    token: sim.world.rrcu.scimToken,
    countCall: (operation) => void (calls[operation] = (calls[operation] ?? 0) + 1),
    ...overrides,
  });
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false, seed: { seed: 61, accounts: 1, users: 250, groups: 2 } });
  });
  afterAll(() => sim.stop());

  test('pages through every user with cursors, 100 at a time, keeping each active flag', async () => {
    calls = {};
    const active = await listScimUserActivity(options());
    const users = exportGroundTruth(sim.world.state).identityCenter!.users;
    expect(active).toEqual(new Map(users.map((u) => [u.userId, u.status === 'ENABLED'])));
    expect([...active.values()].includes(false)).toBe(true);
    expect(calls).toEqual({ 'scim:ListUsers': 3 });
  });

  test('an endpoint given with a trailing slash works the same', async () => {
    calls = {};
    const active = await listScimUserActivity(options({ endpoint: `${sim.endpoint}${sim.world.rrcu.scimPath}/` }));
    expect(active.size).toBe(250);
  });

  test('retries throttled pages and counts each throttled attempt', async () => {
    calls = {};
    sim.injectFault({ operation: 'scim:GET', kind: 'throttle', count: 2 });
    const active = await listScimUserActivity(options());
    expect(active.size).toBe(250);
    expect(calls).toEqual({ 'scim:ListUsers': 5, 'throttled:scim:ListUsers': 2 });
  });

  test('retries pages after dropped connections and counts them as network retries', async () => {
    calls = {};
    sim.injectFault({ operation: 'scim:GET', kind: 'drop', count: 2 });
    const active = await listScimUserActivity(options());
    expect(active.size).toBe(250);
    expect(calls).toEqual({ 'scim:ListUsers': 5, 'network:scim:ListUsers': 2 });
  });

  test('a wrong token is SCIM_TOKEN_REJECTED, naming the endpoint and how to get a new token', async () => {
    calls = {};
    const error = await listScimUserActivity(options({ token: 'expired-token' })).catch((e: unknown) => e);
    expect(isRrcuError(error, 'SCIM_TOKEN_REJECTED')).toBe(true);
    if (!isRrcuError(error)) return;
    expect(error.message).toContain(sim.world.rrcu.scimPath);
    expect(error.fix).toMatch(/access token/);
    expect(calls).toEqual({ 'scim:ListUsers': 1 });
  });

  test('an unreachable endpoint is SCIM_UNREACHABLE after the retries', async () => {
    calls = {};
    const error = await listScimUserActivity(options({ endpoint: 'http://127.0.0.1:9/scim/v2' })).catch((e: unknown) => e);
    expect(isRrcuError(error, 'SCIM_UNREACHABLE')).toBe(true);
    expect(calls['scim:ListUsers']).toBe(5);
  });
});
