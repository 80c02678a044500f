import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { queryRows } from '../../src/store/index.ts';
import { SYNC_QUEUES } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

describeStore('the sync schedule', (store) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 5, accounts: 1, users: 3, groups: 1, permissionSets: 1 }, workers: true, config: { syncSchedule: '15 */4 * * *' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('is kept in the job engine as configured (UTC cron), and each tick asks for a sync of every connector', async () => {
    const schedules = await t.app.jobs.boss.getSchedules(SYNC_QUEUES.syncSchedule);
    expect(schedules).toEqual([expect.objectContaining({ name: SYNC_QUEUES.syncSchedule, cron: '15 */4 * * *', timezone: 'UTC' })]);
    const shown = (await t.server.inject({ method: 'GET', url: '/api/syncs/schedule', headers: await t.as('auditor') })).json<{ cron: string; next: string[] }>();
    expect(shown.cron).toBe('15 */4 * * *');
    expect(shown.next).toHaveLength(3);
    for (const at of shown.next) expect(at).toMatch(/T(00|04|08|12|16|20):15:00\.000Z$/);

    // What a tick does, without waiting for the clock: every connector gets a sync, by the system.
    expect(await t.app.syncs.requestAll('system')).toBe(1);
    await expect.poll(async () => (await t.server.inject({ method: 'GET', url: `/api/syncs?connectorId=${t.connector!.id}`, headers: await t.as('auditor') })).json<{ items: { status: string }[] }>().items.map((r) => r.status), { timeout: 30_000, interval: 200 }).toEqual(['succeeded']);
  });

  test('a tick also tells the Connector Administrators of a connector whose scheduled syncs were missed twice', async () => {
    // Thirteen hours on, with no success since the first test's sync: the 4-hourly syncs of two periods had their turn and none succeeded.
    const later = new Date(Date.now() + 13 * 3600_000);
    expect(await t.app.syncs.tick(later)).toMatchObject({ requested: 1, missedTwice: 1 });
    const told = await queryRows<{ recipient_role: string; link: string }>(t.store.db, sql`select recipient_role, link from notifications where kind = 'sync.schedule_missed'`);
    expect(told).toEqual([{ recipient_role: 'connector_admin', link: `/connectors/${t.connector!.id}` }]);
  });

  test('"off" removes the schedule', async () => {
    const { createSyncService } = await import('../../src/sync/index.ts');
    const off = createSyncService({ db: t.store.db, jobs: t.app.jobs, connectors: t.app.connectors, schedule: 'off' });
    await off.startWorkers();
    expect(await t.app.jobs.boss.getSchedules(SYNC_QUEUES.syncSchedule)).toEqual([]);
    const shown = (await t.server.inject({ method: 'GET', url: '/api/syncs/schedule', headers: await t.as('auditor') })).json();
    expect(shown).toEqual({ cron: null, timezone: 'UTC', next: [] });
  });
});
