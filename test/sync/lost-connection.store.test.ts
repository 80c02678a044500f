import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { grantsAt } from '../../src/access/index.ts';
import { exportGroundTruth, type Simulator } from '../../src/aws-sim/index.ts';
import type { ConnectorRecord } from '../../src/connectors/index.ts';
import { isRrcuError } from '../../src/core/errors.ts';
import { queryRows, syncRuns, type Store } from '../../src/store/index.ts';
import { expectedGrants, observed } from '../../harness/ground-truth-grants.ts';
import { syncFromSim } from '../../harness/aws-connector.ts';
import { openPostgresSyncFixture, type PostgresSyncFixture } from '../harness/postgres-sync-fixture.ts';

/**
 * PostgreSQL ends the sync's connection in the middle of its commit (an administrator, a restart, a
 * failover look the same to the client). The process must not crash on the driver's `error` event:
 * the run ends failed with the reason, nothing half-committed, and the next sync succeeds.
 */
const postgres = inject('postgres');

describe.skipIf(!postgres)('a database connection lost during the commit [postgres]', () => {
  let sim: Simulator;
  let store: Store;
  let databaseUrl: string;
  let connector: ConnectorRecord;
  let fixture: PostgresSyncFixture | undefined;

  beforeAll(async () => {
    fixture = await openPostgresSyncFixture(postgres!, { seed: { seed: 37, accounts: 3, users: 15, groups: 4, permissionSets: 3, iamUsersPerAccount: 2 }, poolSize: 3, connectorName: 'lost-connection' });
    ({ sim, store, databaseUrl, connector } = fixture);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  test('the run ends failed with the reason, the process lives on, and the next sync matches the ground truth', async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      // Only the commit writes grants: holding this lock stops the sync inside its commit transaction.
      await admin.query('begin');
      await admin.query('lock table grants in exclusive mode');
      const syncing = syncFromSim(store, sim, connector).catch((e: unknown) => e);
      const waiting = async () => {
        // Inside a transaction PostgreSQL answers pg_stat_activity from the snapshot of its first read.
        await admin.query('select pg_stat_clear_snapshot()');
        return (await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()")).rows;
      };
      await expect.poll(waiting, { timeout: 60_000, interval: 100 }).not.toHaveLength(0);
      for (const { pid } of await waiting()) await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.query('rollback');

      const failure = await syncing;
      expect(isRrcuError(failure, 'DATABASE_CONNECTION_LOST'), String(failure)).toBe(true);
    } finally {
      await admin.end();
    }

    const [run] = await store.db.select().from(syncRuns).where(eq(syncRuns.connectorId, connector.id));
    expect(run).toMatchObject({
      status: 'failed',
      error: { code: 'DATABASE_CONNECTION_LOST', message: expect.stringContaining('terminating connection due to administrator command (SQLSTATE 57P01)') },
    });
    expect(run!.error!.message).toContain('during the sync (stage committing)');
    expect(JSON.stringify(run!.error).length).toBeLessThan(1024);
    const [event] = await queryRows<{ data: { error: unknown } }>(store.db, sql`select data from audit_events where type = 'sync.failed' and subject = ${`connector:${connector.id}`}`);
    expect(event!.data.error).toEqual(run!.error);
    expect(await grantsAt(store.db, { connectorId: connector.id })).toEqual([]);

    const next = await syncFromSim(store, sim, connector);
    expect(next.run.status).toBe('succeeded');
    expect(observed(await grantsAt(store.db, { connectorId: connector.id }))).toEqual(expectedGrants(exportGroundTruth(sim.world.state), true));
  }, 120_000);
});
