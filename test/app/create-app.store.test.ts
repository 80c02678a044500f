import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { createApp } from '../../src/app.ts';
import { queryRows } from '../../src/store/index.ts';
import { testConfig } from '../../harness/server.ts';
import { describeStore } from '../harness/store-test.ts';

describeStore('the composition root', (store) => {
  const jobEngineSchemas = async () =>
    (await queryRows<{ n: number }>(store().db, sql`select count(*)::int as n from information_schema.schemata where schema_name = 'pgboss'`))[0]!.n;

  test('without the job engine (as `rrcu access` or `rrcu admin` build it) no pg-boss starts and the services answer; with it, the engine starts', async () => {
    const services = await createApp({ config: testConfig(), store: store(), jobs: false });
    expect('jobs' in services).toBe(false);
    expect(await services.audit.verifyChain()).toMatchObject({ ok: true });
    expect(await services.identity.listUsers()).toEqual([]);
    expect(await services.access.listPeople()).toEqual([]);
    // Provisioning's tasks and the sync's runs are read without the engine (`rrcu tasks`, `rrcu runs`, `rrcu diff`).
    expect(await services.tasks.listTasks()).toEqual([]);
    await services.tasks.waitUntilIdle();
    expect(await services.runs.listSyncRuns()).toEqual([]);
    expect(await services.runs.connectorSyncStates()).toEqual(new Map());
    await services.stop();
    expect(await jobEngineSchemas()).toBe(0);

    const app = await createApp({ config: testConfig(), store: store(), supervise: false });
    try {
      expect(await jobEngineSchemas()).toBe(1);
      expect(app.identity).toBeDefined();
    } finally {
      await app.stop();
    }
  });
});
