import { expect, test, vi } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { waitUntilIdle } from '../../src/provisioning/index.ts';
import { createRequestService, REQUEST_QUEUE_SPECS, startRequestJobs } from '../../src/requests/index.ts';
import { startAwsWorld } from '../../harness/aws-connector.ts';
import { testConfig } from '../../harness/server.ts';
import { engines, freshStore } from '../harness/store-test.ts';
import { inventoryOf, ssoPeople } from './people.ts';

const ENDING = 120;

// Regression: a tick still running when the app stopped went on into the store its owner then closed, and
// logged "request #… failed" once for every request left. Its own store: the test closes it mid-tick.
test.each(engines())('a tick running when the job engine stops ends after its batch, with no failure line after the stop [%s]', async (engine) => {
  const store = await freshStore(engine);
  const world = await startAwsWorld(store, { accounts: 3, users: 60, groups: 2, permissionSets: 3 });
  let closed = false;
  try {
    for (const q of REQUEST_QUEUE_SPECS) await world.engine.boss.createQueue(q.name);
    let clock = new Date();
    // The stop comes at a known point of the tick: while the first batch of ends asks for its revokes (the real provisioning answers).
    let stopped: Promise<void> | undefined;
    const provisioning = {
      requestGrant: world.service.requestGrant,
      requestRevokes: (inputs: Parameters<typeof world.service.requestRevokes>[0]) => {
        stopped ??= world.engine.stop({ graceful: true, timeoutMs: 1000 });
        return world.service.requestRevokes(inputs);
      },
    };
    const requests = createRequestService({ db: store.db, provisioning, jobs: world.engine, now: () => clock });
    const people = await ssoPeople(store.db, world.connector.id);
    const { accounts, permissionSets } = await inventoryOf(store.db, world.connector.id);
    await requests.applyPolicy({
      name: 'Granted at once', connector: world.connector.id, eligibility: { everyone: true }, justificationRequired: false, maxDurationMinutes: 480, defaultDurationMinutes: 30,
      requestable: permissionSets.map((ps) => ({ kind: 'permission_set' as const, permissionSet: ps.name, accounts: '*' as const })), autoApproval: [{}],
    }, 'cli:admin');
    const members = accounts.filter((a) => a.id !== world.sim.world.state.managementAccountId);
    const asks = people.flatMap((p) => members.flatMap((a) => permissionSets.map((ps) => ({ p, a, ps })))).slice(0, ENDING);
    expect(asks.length).toBe(ENDING);
    for (const { p, a, ps } of asks) {
      await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.arn, accounts: [a.id] } }, { userId: null, personId: p.personId, role: 'person', actor: `user:${p.email}` });
    }
    await waitUntilIdle(store.db, { intervalMs: 200 });
    expect(await requests.tick(clock)).toMatchObject({ activated: ENDING });
    clock = new Date(clock.getTime() + 3600_000);

    const lines: string[] = [];
    // The workers' start: its first tick ends what fell due, and the engine stops while it runs.
    const started = startRequestJobs(world.engine, { requests, now: () => clock, log: (line) => lines.push(line) }).then((s) => s, (e: unknown) => e);
    while (!stopped) await new Promise((r) => setTimeout(r, 5));
    // As the app's owner does: the engine stopped, the store is closed, whatever the tick is doing.
    await stopped;
    const atStop = lines.length;
    await store.close();
    closed = true;
    const summary = await started;
    // It stopped after the batch in hand (the rest is the next start's), returned rather than threw, and said nothing about the requests it left.
    expect(lines.slice(atStop)).toEqual([]);
    expect(lines.filter((l) => /failed/.test(l))).toEqual([]);
    expect(summary).toMatchObject({ expired: 50 });
  } finally {
    await world.pool.close();
    await world.sim.stop();
    if (!closed) {
      await world.engine.stop({ graceful: false }).catch(() => undefined);
      await store.close();
    }
  }
}, 600_000);

// Regression: the stop ended the requests' start-up tick, but the app's startWorkers went on: the notifications'
// environment synced into the store being closed, then pg-boss refused their workers ('Workers are disabled').
test.each(engines())('an app stopped while its workers start returns from startWorkers without failing or logging a failure [%s]', async (engine) => {
  const store = await freshStore(engine);
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  let app: App | undefined;
  try {
    // The stop comes at a known point of the start: when the requests' start-up tick reads the clock, the first step that does.
    let armed = false;
    let stopped: Promise<void> | undefined;
    const now = () => {
      if (armed) stopped ??= app?.stop({ timeoutMs: 1000 });
      return new Date();
    };
    app = await createApp({ config: testConfig(), store, now });
    armed = true;
    await expect(app.startWorkers()).resolves.toBeUndefined();
    expect(stopped).toBeDefined();
    await stopped;
    expect(logged).not.toHaveBeenCalled();
  } finally {
    logged.mockRestore();
    await app?.stop({ timeoutMs: 1000 }).catch(() => undefined);
    await store.close();
  }
}, 120_000);
