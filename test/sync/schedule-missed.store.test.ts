import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { connectors, queryRows, syncRuns, type Db } from '../../src/store/index.ts';
import { notifyMissedSchedules } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';

const HOURLY = '0 * * * *';
const at = (s: string) => new Date(`2026-03-10T${s}Z`);

async function connector(db: Db, name: string, createdAt: Date, archived = false): Promise<string> {
  const [row] = await db.insert(connectors).values({ kind: 'aws', name, createdAt, ...(archived ? { archivedAt: createdAt, archivedBy: 'cli:test' } : {}) }).returning({ id: connectors.id });
  return row!.id;
}

async function run(db: Db, connectorId: string, status: 'succeeded' | 'failed', startedAt: Date, finishedAt: Date): Promise<void> {
  await db.insert(syncRuns).values({
    connectorId, status, startedAt, finishedAt, heartbeatAt: finishedAt, checkpoint: null,
    ...(status === 'failed' ? { error: { code: 'ACTION_DENIED', message: 'sso:ListInstances was denied.', fix: 'Allow it in the role RRCU assumes.' } } : {}),
  });
}

const told = (db: Db) => queryRows<{ connector_id: string; recipient_role: string; title: string; body: string; link: string; dedupe_key: string }>(db, sql`
  select payload->>'connectorId' as connector_id, recipient_role, title, body, link, dedupe_key from notifications where kind = 'sync.schedule_missed' order by created_at, dedupe_key`);

describeStore('the sync schedule missed twice tells the Connector Administrators, once per occurrence', (store) => {
  test('two scheduled syncs with no success after them: told once; one missed, a new connector, an archived one: not told; a success then two more missed: told again', async () => {
    const { db } = store();
    const stale = await connector(db, 'stale', at('01:00:00'));
    await run(db, stale, 'succeeded', at('09:00:00'), at('09:05:00'));
    await run(db, stale, 'failed', at('10:00:00'), at('10:01:00'));
    const late = await connector(db, 'one-missed', at('01:00:00'));
    await run(db, late, 'succeeded', at('10:00:00'), at('10:20:00'));
    await connector(db, 'new', at('11:30:00'));
    const archived = await connector(db, 'archived', at('01:00:00'), true);
    const never = await connector(db, 'never-synced', at('09:30:00'));

    const toldOf = async (id: string) => (await told(db)).filter((n) => n.connector_id === id);
    expect(await notifyMissedSchedules(db, HOURLY, at('11:59:00'))).toBe(0);
    expect(await notifyMissedSchedules(db, HOURLY, at('12:00:30'))).toBe(2);
    expect((await told(db)).map((n) => n.connector_id).sort()).toEqual([stale, never].sort());
    const [staleTold] = await toldOf(stale);
    expect(staleTold).toMatchObject({
      recipient_role: 'connector_admin', title: 'Scheduled syncs missed twice: stale', link: `/connectors/${stale}`,
      body: 'No sync of stale has succeeded since 2026-03-10T09:05:00Z: the syncs scheduled at 2026-03-10T10:00:00Z and 2026-03-10T11:00:00Z (0 * * * *, UTC) did not succeed. The last sync failed: sso:ListInstances was denied. Allow it in the role RRCU assumes.',
    });
    expect((await toldOf(never))[0]!.body).toMatch(/^never-synced has not synced successfully since it was added \(2026-03-10T09:30:00Z\).*No sync has run since\.$/);

    // The same tick again, and the next one with the streak unbroken: nothing new for them; the connector one sync behind now missed two.
    expect(await notifyMissedSchedules(db, HOURLY, at('12:00:40'))).toBe(0);
    expect(await notifyMissedSchedules(db, HOURLY, at('13:00:30'))).toBe(1);
    expect(await toldOf(late)).toHaveLength(1);
    expect(await toldOf(stale)).toHaveLength(1);

    // A success ends the occurrence; two more missed after it are a new one.
    await run(db, stale, 'succeeded', at('13:00:00'), at('13:10:00'));
    await notifyMissedSchedules(db, HOURLY, at('15:00:30'));
    expect(await toldOf(stale)).toHaveLength(1);
    await notifyMissedSchedules(db, HOURLY, at('16:00:30'));
    expect((await toldOf(stale)).map((n) => n.dedupe_key)).toEqual([
      `sync.schedule_missed:${stale}:${at('09:05:00').toISOString()}`, `sync.schedule_missed:${stale}:${at('13:10:00').toISOString()}`,
    ]);
    expect(await toldOf(archived)).toEqual([]);
  });
});
